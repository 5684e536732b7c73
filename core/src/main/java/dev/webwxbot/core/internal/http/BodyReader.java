package dev.webwxbot.core.internal.http;

import io.netty.channel.ChannelHandler;
import io.netty.util.concurrent.Promise;

/**
 * How one exchange reads its response: the handler that consumes everything the exchange receives and completes the
 * promise once, and where in the pipeline it goes. An aggregated response and a body streamed to a file differ only
 * here; acquiring, sending, cookies, retry and release are the same {@link Exchange}.
 */
interface BodyReader<T> {

    /** A fresh handler for one attempt (a retried request gets another). */
    ChannelHandler newHandler(Promise<Received<T>> result);

    /** The name of the permanent handler this one is inserted in front of ({@link HttpPipeline}). */
    String insertBefore();

    /** Reads the whole response into memory through the pipeline's bounded aggregator. */
    BodyReader<HttpResponse> AGGREGATED = new BodyReader<>() {
        @Override
        public ChannelHandler newHandler(Promise<Received<HttpResponse>> result) {
            return new ResponseHandler(result);
        }

        @Override
        public String insertBefore() {
            return HttpPipeline.IDLE_GUARD;
        }
    };
}
