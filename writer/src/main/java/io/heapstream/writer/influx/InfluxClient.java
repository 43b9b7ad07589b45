package io.heapstream.writer.influx;

import io.heapstream.writer.WriterConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;
import org.influxdb.InfluxDBFactory;
import org.influxdb.InfluxDBIOException;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/**
 * InfluxDB 1.x over influxdb-java: writes with the HTTP status kept (see {@link HttpStatusException}) and
 * InfluxQL queries for setting up databases. Credentials go in a Basic auth header, never in the URL.
 */
public final class InfluxClient implements LineSink, AutoCloseable {
    private static final int ERROR_BODY_LIMIT = 2048;

    private final InfluxDB influx;
    private final String database;

    private InfluxClient(InfluxDB influx, String database) {
        this.influx = influx;
        this.database = database;
    }

    /** A client for the configured server and database; connects lazily. */
    public static InfluxClient connect(WriterConfig config) {
        return connect(config.influxUrl(), config.influxUser(), config.influxPassword(), config.influxDb(),
                config.influxTimeout(), config.gzip());
    }

    public static InfluxClient connect(String url, String user, String password, String database, Duration timeout,
                                       boolean gzip) {
        var http = new OkHttpClient.Builder()
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .retryOnConnectionFailure(false)
                .addInterceptor(chain -> keepWriteStatus(chain.proceed(chain.request())));
        InfluxDB influx = user == null
                ? InfluxDBFactory.connect(url, http)
                : InfluxDBFactory.connect(url, user, password == null ? "" : password, http);
        if (gzip) {
            influx.enableGzip();
        }
        return new InfluxClient(influx, database);
    }

    @Override
    public void write(String retentionPolicy, List<String> lines) throws InfluxWriteException {
        try {
            influx.write(database, retentionPolicy, InfluxDB.ConsistencyLevel.ONE, TimeUnit.MILLISECONDS, lines);
        } catch (InfluxDBIOException e) {
            if (e.getCause() instanceof HttpStatusException status) {
                throw new InfluxWriteException(status.status(), status.getMessage(), e);
            }
            throw new InfluxWriteException(0, String.valueOf(e.getCause()), e);
        } catch (InfluxDBException e) {
            // Not expected for writes (the interceptor answers first), but never let it escape a batch.
            throw new InfluxWriteException(0, e.getMessage(), e);
        }
    }

    /** Runs an InfluxQL statement; errors InfluxDB reports inside the result are thrown as {@link InfluxDBException}. */
    public QueryResult query(String influxQl) {
        QueryResult result = influx.query(new Query(influxQl, database));
        if (result.getError() != null) {
            throw new InfluxDBException(result.getError());
        }
        for (QueryResult.Result each : result.getResults()) {
            if (each.getError() != null) {
                throw new InfluxDBException(each.getError());
            }
        }
        return result;
    }

    public String database() {
        return database;
    }

    @Override
    public void close() {
        influx.close();
    }

    private static Response keepWriteStatus(Response response) throws HttpStatusException {
        if (response.isSuccessful() || !response.request().url().encodedPath().endsWith("/write")) {
            return response;
        }
        try (response) {
            String body;
            try {
                body = response.peekBody(ERROR_BODY_LIMIT).string().trim();
            } catch (java.io.IOException e) {
                body = "(no body: " + e.getMessage() + ")";
            }
            throw new HttpStatusException(response.code(), body);
        }
    }
}
