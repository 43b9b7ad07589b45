package io.heapstream.collector.kubelet;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * HTTP only: GETs a kubelet path and returns the body bytes, or a {@link ScrapeException} with a reason. The
 * bearer token is read from its file on every request, so a rotated service-account token is picked up; it is
 * never logged. The whole exchange (connect, headers, body) is bounded by one timeout and the body by a size.
 */
public final class KubeletClient {
    private final Settings settings;
    private final HttpClient http;

    /**
     * @param tokenFile          bearer token file; when missing, requests go without a token
     * @param caFile             PEM bundle the kubelet's certificate must chain to; when there is no such file, the
     *                           JDK's trust store; a file that cannot be read or holds no certificate fails at start
     * @param insecureSkipVerify accept any certificate and host name (for kubelets with self-signed certificates)
     * @param timeout            for the whole request, body included
     * @param maxResponseBytes   a larger body is abandoned ({@code too_large})
     * @param allowPlaintextToken send the bearer token to {@code http://} URLs too; without it such a request
     *                           fails ({@code plaintext_token}) rather than show the token to the network
     */
    public record Settings(Path tokenFile, Path caFile, boolean insecureSkipVerify, Duration timeout,
                           long maxResponseBytes, boolean allowPlaintextToken) {
        /** Settings that never send the token in clear. */
        public Settings(Path tokenFile, Path caFile, boolean insecureSkipVerify, Duration timeout, long maxResponseBytes) {
            this(tokenFile, caFile, insecureSkipVerify, timeout, maxResponseBytes, false);
        }
    }

    public KubeletClient(Settings settings) {
        requireFitsHeap(settings.maxResponseBytes(), Runtime.getRuntime().maxMemory());
        this.settings = settings;
        this.http = HttpClient.newBuilder()
                .executor(worker())
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout())
                .sslContext(sslContext(settings))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * A body is held twice for a moment (its parts, then one array) next to the parsed record and the buffered
     * scrapes; a cap above a quarter of the heap turns a huge answer into OutOfMemoryError instead of
     * {@code too_large}, so it is refused at start.
     */
    static void requireFitsHeap(long maxResponseBytes, long maxHeapBytes) {
        if (maxResponseBytes > maxHeapBytes / 4) {
            throw new IllegalArgumentException("--kubelet-max-response-bytes " + maxResponseBytes
                    + " is more than a quarter of the heap (" + maxHeapBytes + " bytes, -Xmx): lower it or raise -Xmx");
        }
    }

    /**
     * One worker thread, not the JDK's default cached pool (which keeps three or four threads, each with its
     * stack and malloc arena, on every node): the collector has one request in flight at a time. An idle worker
     * exits after a minute.
     */
    private static ExecutorService worker() {
        var executor = new ThreadPoolExecutor(1, 1, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            var thread = new Thread(task, "kubelet-http");
            thread.setDaemon(true);
            return thread;
        });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    private static SSLContext sslContext(Settings settings) {
        try {
            if (settings.insecureSkipVerify()) {
                return KubeletTls.insecure();
            }
            // A CA file that is there but unreadable or not PEM fails here: falling back to the JDK's public CAs
            // would hide the mistake until every scrape fails with reason=tls.
            if (settings.caFile() != null && Files.exists(settings.caFile())) {
                return KubeletTls.trusting(settings.caFile());
            }
            return SSLContext.getDefault();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read --kubelet-ca-file " + settings.caFile() + " ("
                    + e.getClass().getSimpleName() + ")", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use --kubelet-ca-file " + settings.caFile() + ": " + e.getMessage(), e);
        }
    }

    /** The body of a 200 answer to {@code GET url}. */
    public byte[] get(URI url) throws ScrapeException, InterruptedException {
        var request = HttpRequest.newBuilder(url).GET().timeout(settings.timeout()).header("Accept", "application/json");
        String token = token();
        if (token != null && "http".equalsIgnoreCase(url.getScheme()) && !settings.allowPlaintextToken()) {
            throw new ScrapeException("plaintext_token", "refusing to send the bearer token in clear to " + url
                    + ": use https, or --kubelet-allow-plaintext-token if the network is trusted", null);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        CompletableFuture<HttpResponse<byte[]>> future = http.sendAsync(request.build(), info ->
                info.statusCode() == 200
                        ? new CappedBody(settings.maxResponseBytes())
                        : HttpResponse.BodySubscribers.replacing(null));
        HttpResponse<byte[]> response;
        try {
            response = future.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ScrapeException("timeout", "no complete answer within " + settings.timeout(), e);
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        }
        if (response.statusCode() != 200) {
            throw new ScrapeException(ScrapeException.httpReason(response.statusCode()),
                    "HTTP " + response.statusCode(), null);
        }
        return response.body();
    }

    private static ScrapeException failure(Throwable cause) {
        Throwable c = cause;
        while (c != null) {
            if (c instanceof CappedBody.TooLarge) {
                return new ScrapeException("too_large", c.getMessage(), cause);
            }
            if (c instanceof HttpTimeoutException) {
                return new ScrapeException("timeout", c.getMessage(), cause);
            }
            if (c instanceof ConnectException) {
                return new ScrapeException("connect", "connection refused or unreachable", cause);
            }
            if (c instanceof SSLException) {
                return new ScrapeException("tls", c.getMessage(), cause);
            }
            c = c.getCause();
        }
        return new ScrapeException("io", String.valueOf(cause), cause);
    }

    private String token() throws ScrapeException {
        Path file = settings.tokenFile();
        if (file == null) {
            return null;
        }
        try {
            String token = Files.readString(file, StandardCharsets.UTF_8).strip();
            return token.isEmpty() ? null : token;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new ScrapeException("token", "cannot read the token file " + file + ": " + e.getClass().getSimpleName(), null);
        }
    }
}
