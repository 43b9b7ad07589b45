package io.heapstream.collector.kubelet;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body into bytes, but gives up (and cancels the download) as soon as it passes a size
 * limit: a kubelet gone wrong must not make the collector allocate without bound.
 */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final long maxBytes;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final List<ByteBuffer> parts = new ArrayList<>();
    private Flow.Subscription subscription;
    private long size;

    CappedBody(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Thrown (as the cause) when the body is larger than allowed. */
    static final class TooLarge extends IOException {
        TooLarge(long maxBytes) {
            super("response body exceeds " + maxBytes + " bytes");
        }
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer item : items) {
            size += item.remaining();
            if (size > maxBytes) {
                parts.clear();
                subscription.cancel();
                result.completeExceptionally(new TooLarge(maxBytes));
                return;
            }
            parts.add(item);
        }
    }

    @Override
    public void onError(Throwable error) {
        parts.clear();
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        byte[] body = new byte[(int) size];
        int at = 0;
        for (ByteBuffer part : parts) {
            int n = part.remaining();
            part.get(body, at, n);
            at += n;
        }
        parts.clear();
        result.complete(body);
    }
}
