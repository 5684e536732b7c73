package dev.webwxbot.cluster;

/**
 * The Lua scripts that make lease checks and writes one atomic step in Redis. Every write of session state runs
 * behind the same check ({@code KEYS[1]} is the account's lease key, {@code ARGV[1]} this claim's value), so that a
 * daemon that lost an account can never overwrite what its next holder wrote. Each returns 1 when it wrote, 0 when
 * the lease is not (or no longer) this claim's.
 */
final class Scripts {

    private Scripts() {
    }

    private static final String FENCE = "if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end\n";

    /** Renews many leases at once: KEYS = lease keys, ARGV[1] = lease ms, ARGV[i+1] = value of KEYS[i]. */
    static final String RENEW_ALL = """
            local renewed = {}
            for i, key in ipairs(KEYS) do
              if redis.call('GET', key) == ARGV[i + 1] then
                redis.call('PEXPIRE', key, ARGV[1])
                renewed[i] = 1
              else
                renewed[i] = 0
              end
            end
            return renewed
            """;

    /** Compare-and-delete of a lease: KEYS[1] lease, ARGV[1] value. */
    static final String RELEASE = FENCE + "redis.call('DEL', KEYS[1])\nreturn 1\n";

    /** KEYS[2] snapshot, KEYS[3] saved-at; ARGV[2] json, ARGV[3] epoch ms. */
    static final String SAVE_SNAPSHOT = FENCE + """
            redis.call('SET', KEYS[2], ARGV[2])
            redis.call('SET', KEYS[3], ARGV[3])
            return 1
            """;

    /** KEYS[2] snapshot, KEYS[3] saved-at. */
    static final String CLEAR_SNAPSHOT = FENCE + """
            redis.call('DEL', KEYS[2], KEYS[3])
            return 1
            """;

    /** KEYS[2] list; ARGV[2..] records. One RPUSH per record: unpack() of a long log would overflow Lua's stack. */
    static final String APPEND = FENCE + """
            for i = 2, #ARGV do redis.call('RPUSH', KEYS[2], ARGV[i]) end
            return 1
            """;

    /**
     * Forgets an account no daemon holds: KEYS[1] its lease, KEYS[2] the accounts set, KEYS[3..] its state keys;
     * ARGV[1] the account. -1 (nothing touched) while a lease on it is alive, else how many state keys were deleted.
     * One script, so that no daemon can claim the account between the check and the deletion.
     */
    static final String FORGET = """
            if redis.call('EXISTS', KEYS[1]) == 1 then return -1 end
            redis.call('SREM', KEYS[2], ARGV[1])
            local deleted = 0
            for i = 3, #KEYS do deleted = deleted + redis.call('DEL', KEYS[i]) end
            return deleted
            """;

    /** KEYS[2] list; ARGV[2..] records: the list afterwards holds exactly them. */
    static final String REWRITE = FENCE + """
            redis.call('DEL', KEYS[2])
            for i = 2, #ARGV do redis.call('RPUSH', KEYS[2], ARGV[i]) end
            return 1
            """;
}
