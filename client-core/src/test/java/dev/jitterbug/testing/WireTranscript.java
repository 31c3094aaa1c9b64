package dev.jitterbug.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One direction of a {@link LoopbackProxy.Recording} as text: HTTP (BOSH) as it was sent, a WebSocket's frames
 * unmasked and joined after its upgrade headers. For tests that look for what really crossed the wire.
 */
public final class WireTranscript {
    private WireTranscript() {
    }

    public static String text(byte[] bytes) {
        String raw = new String(bytes, StandardCharsets.ISO_8859_1);
        int headersEnd = raw.indexOf("\r\n\r\n");
        String headers = headersEnd < 0 ? raw : raw.substring(0, headersEnd).toLowerCase(Locale.ROOT);
        boolean webSocket = headers.startsWith("http/1.1 101")
                || headers.startsWith("get ") && headers.contains("upgrade: websocket");
        if (!webSocket) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return raw.substring(0, headersEnd + 4) + frames(bytes, headersEnd + 4);
    }

    /** RFC 6455 frames from {@code start}: text and binary payloads (and their continuations), unmasked. */
    private static String frames(byte[] b, int start) {
        ByteArrayOutputStream payloads = new ByteArrayOutputStream();
        int i = start;
        while (i + 2 <= b.length) {
            int opcode = b[i] & 0x0f;
            boolean last = (b[i] & 0x80) != 0;
            if ((b[i] & 0x40) != 0) {
                throw new IllegalStateException("a compressed WebSocket frame: this transcript cannot read it");
            }
            boolean masked = (b[i + 1] & 0x80) != 0;
            long length = b[i + 1] & 0x7f;
            i += 2;
            int extra = length == 126 ? 2 : length == 127 ? 8 : 0;
            if (i + extra > b.length) {
                break;
            }
            if (extra > 0) {
                length = 0;
                for (int k = 0; k < extra; k++) {
                    length = length << 8 | (b[i + k] & 0xff);
                }
                i += extra;
            }
            byte[] mask = new byte[4];
            if (masked) {
                if (i + 4 > b.length) {
                    break;
                }
                System.arraycopy(b, i, mask, 0, 4);
                i += 4;
            }
            if (i + length > b.length) {
                break; // cut off mid-frame (a link drop)
            }
            if (opcode <= 2) { // continuation, text, binary; not close/ping/pong
                for (int k = 0; k < length; k++) {
                    payloads.write(b[i + k] ^ (masked ? mask[k % 4] : 0));
                }
                if (last) {
                    payloads.write('\n'); // between messages only: a fragmented message stays whole
                }
            }
            i += (int) length;
        }
        return new String(payloads.toByteArray(), StandardCharsets.UTF_8);
    }
}
