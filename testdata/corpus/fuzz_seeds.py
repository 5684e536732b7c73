#!/usr/bin/env python3
"""Writes the fuzzers' seed inputs (README "Fuzzing") from this corpus into the Jazzer inputs folders.

Run from anywhere: python3 testdata/corpus/fuzz_seeds.py. Seeds are named seed-<sample>; the files Jazzer adds there
(crash-*, its findings) are left alone. The byte layouts below must match the fuzz tests' own decoding.
"""
import glob
import json
import os
import struct

CORPUS = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(CORPUS))
CORE = os.path.join(ROOT, "core/src/test/resources/dev/webwxbot/core/internal")
AUTO_REPLY = os.path.join(ROOT, "plugins/auto-reply/src/test/resources/dev/webwxbot/plugins/autoreply")

# PayloadFuzzTest.KINDS / APP_TYPES, same order.
KINDS = [1, 3, 34, 37, 42, 43, 47, 48, 49, 51, 62, 10000, 10002, 9999]
APP_TYPES = [0, 1, 2, 3, 5, 6, 8, 17, 33, 36, 57, 2000, 2001, 4]


def samples(folder):
    for path in sorted(glob.glob(os.path.join(CORPUS, folder, "*.json"))):
        if not path.endswith(".source.json"):
            yield os.path.basename(path)[:-5], path


def write(folder, name, data):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "seed-" + name), "wb") as out:
        out.write(data)


def clear_seeds(folder):
    for old in glob.glob(os.path.join(folder, "seed-*")):
        os.remove(old)


def main():
    addmsg = os.path.join(CORE, "message/AddMsgFuzzTestInputs/anyAddMsgBecomesAnEventOrIsBookkeeping")
    payload = os.path.join(CORE, "message/PayloadFuzzTestInputs/everyKindsPayloadBecomesItsEventWithAnyCreateTime")
    sync = os.path.join(CORE, "protocol/SyncBodyFuzzTestInputs/anySyncOrInitBodyIsReadAndEveryMessageDelivered")
    login = os.path.join(CORE, "protocol/LoginAnswersFuzzTestInputs/everyLoginOrSyncCheckAnswerIsAValueOrATypedFailure")
    rules = os.path.join(AUTO_REPLY, "RuleSetReaderFuzzTestInputs/anyTextGivesAReadingWithItsProblemsNeverAnException")
    names = os.path.join(CORE, "media/FileNamesFuzzTestInputs/sanitisedNameIsAlwaysOneSafePathComponent")
    for folder in (addmsg, payload, sync, login, rules, names):
        clear_seeds(folder)

    for name, path in samples("addmsg"):
        raw = open(path, "rb").read()
        write(addmsg, name, raw)
        message = json.loads(raw)
        msg_type = message.get("MsgType", 37)
        msg_type = int(msg_type) if str(msg_type).lstrip("-").isdigit() else 9999
        app = int(message.get("AppMsgType", 0) or 0)
        flags = 1 if int(message.get("SubMsgType", 0) or 0) == 48 else 0
        header = bytes([KINDS.index(msg_type) if msg_type in KINDS else KINDS.index(9999),
                        APP_TYPES.index(app) if app in APP_TYPES else 0, flags])
        create_time = int(message.get("CreateTime", 0) or 0)
        content = str(message.get("Content", "")).encode("utf-8")
        write(payload, name, header + struct.pack(">q", create_time) + content)
        if message.get("FileName"):  # FileNamesFuzzTest: flags, Content-Type length and bytes, name as UTF-16BE
            content_type = b"application/octet-stream"
            write(names, name, bytes([0, len(content_type)]) + content_type
                  + str(message["FileName"]).encode("utf-16-be"))

    for folder in ("webwxsync", "webwxinit"):
        for name, path in samples(folder):
            write(sync, name, open(path, "rb").read())

    readers = {"window.synccheck": 0, "window.QRLogin": 1, "window.code": 2, "<error>": 3}
    for name, path in samples("http"):
        body = json.load(open(path, encoding="utf-8"))["response"]["body"]
        if not isinstance(body, str):
            continue
        for marker, reader in readers.items():
            if marker in body:
                write(login, name, bytes([reader]) + body.encode("utf-8"))

    for path in [os.path.join(ROOT, "config/auto-reply.example.conf"),
                 os.path.join(ROOT, "plugins/auto-reply/src/main/resources/reference.conf")]:
        write(rules, os.path.basename(path), open(path, "rb").read())


if __name__ == "__main__":
    main()
