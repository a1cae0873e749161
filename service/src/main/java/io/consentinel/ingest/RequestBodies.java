package io.consentinel.ingest;

import io.consentinel.web.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an SDK's body as JSON, whatever its Content-Type says, gunzipping it when it is gzip (by
 * {@code Content-Encoding}, or by its magic bytes, which no JSON text starts with). The size limit counts
 * the decompressed bytes and is checked while decompressing, so a small gzip bomb is refused after
 * {@code maxBytes}, never inflated whole.
 */
@Component
class RequestBodies {

    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;

    private final JsonMapper json;

    RequestBodies(JsonMapper json) {
        this.json = json;
    }

    /** The parsed body; 400 for bad JSON or bad gzip, 413 past {@code maxBytes}, 415 for another encoding. */
    JsonNode read(HttpServletRequest request, long maxBytes) {
        try (InputStream body = open(request, maxBytes)) {
            return parse(request, body, maxBytes);
        } catch (TooLarge e) {
            throw tooLarge(maxBytes);
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    /** The decompressed bytes, for decoders that are not Jackson; the same limits and errors as {@link #read}. */
    byte[] readBytes(HttpServletRequest request, long maxBytes) {
        try (InputStream body = open(request, maxBytes)) {
            return body.readAllBytes();
        } catch (TooLarge e) {
            throw tooLarge(maxBytes);
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    /** Parses bytes already read with the service's JSON limits (depth, string length, duplicate keys). */
    JsonNode parse(HttpServletRequest request, byte[] bytes) {
        try {
            return parse(request, new java.io.ByteArrayInputStream(bytes), bytes.length);
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    private JsonNode parse(HttpServletRequest request, InputStream body, long maxBytes) throws IOException {
        try {
            JsonNode tree = json.readTree(body);
            if (tree == null || tree.isMissingNode()) {
                throw new ProblemException(
                        HttpStatus.BAD_REQUEST, "malformed-json", "Malformed request body", "A JSON body is required");
            }
            return tree;
        } catch (JacksonException e) {
            throw translate(request, e, maxBytes);
        }
    }

    private static InputStream open(HttpServletRequest request, long maxBytes) throws IOException {
        String encoding = request.getHeader("Content-Encoding");
        String coding = encoding == null ? "identity" : encoding.trim().toLowerCase(Locale.ROOT);
        if (!coding.equals("identity") && !coding.equals("gzip") && !coding.equals("x-gzip")) {
            throw new ProblemException(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "unsupported-encoding",
                    "Unsupported content encoding",
                    "Bodies may be sent as they are or with Content-Encoding: gzip");
        }
        BufferedInputStream raw = new BufferedInputStream(request.getInputStream());
        raw.mark(2);
        boolean gzip = !coding.equals("identity") || (raw.read() == GZIP_MAGIC_1 && raw.read() == GZIP_MAGIC_2);
        raw.reset();
        return new Limited(gzip ? new GZIPInputStream(raw) : raw, maxBytes);
    }

    /** How many bytes a message takes as JSON, counted without building them. */
    long sizeOf(JsonNode node) {
        Counting counting = new Counting();
        json.writeValue(counting, node);
        return counting.count;
    }

    private static RuntimeException translate(HttpServletRequest request, JacksonException e, long maxBytes) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TooLarge) {
                return tooLarge(maxBytes);
            }
            if (t instanceof IOException io) {
                return unreadable(io);
            }
        }
        // The shared problem handler describes Jackson's errors without quoting the body.
        return new HttpMessageNotReadableException("unreadable JSON", e, new ServletServerHttpRequest(request));
    }

    private static ProblemException tooLarge(long limit) {
        return new ProblemException(
                HttpStatus.CONTENT_TOO_LARGE,
                "too-large",
                "Request too large",
                "The decompressed body exceeds " + limit + " bytes");
    }

    private static ProblemException unreadable(IOException cause) {
        String detail = cause instanceof ZipException || cause instanceof java.io.EOFException
                ? "The body is not valid gzip"
                : "The body could not be read";
        return new ProblemException(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed request body", detail, cause);
    }

    private static final class TooLarge extends IOException {
        TooLarge(long limit) {
            super("body over " + limit + " bytes");
        }
    }

    /** Fails as soon as more than {@code limit} bytes have come out of the (decompressing) stream. */
    private static final class Limited extends FilterInputStream {
        private final long limit;
        private long count;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, (int) Math.min(length, limit - count + 1));
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) throws TooLarge {
            count += n;
            if (count > limit) {
                throw new TooLarge(limit);
            }
        }
    }

    private static final class Counting extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
