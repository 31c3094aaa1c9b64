package dev.jitterbug.fx.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The files icons/generate.sh makes (and git keeps) are there, in the right formats and sizes. */
class IconFilesTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final Path icons = iconsDir();

    @ParameterizedTest
    @ValueSource(ints = {16, 24, 32, 48, 64, 128, 256, 512})
    void eachPngIsASquareTransparentImageOfItsSize(int size) throws IOException {
        Path png = icons.resolve("png/jitterbug-" + size + ".png");
        assertThat(png).exists();
        assertThat(Files.readAllBytes(png)).startsWith(PNG_SIGNATURE);

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(size);
        assertThat(image.getHeight()).isEqualTo(size);
        assertThat(image.getColorModel().hasAlpha()).as("has an alpha channel").isTrue();
        assertThat(alpha(image, 0, 0)).as("top-left corner is transparent (rounded shape)").isZero();
        assertThat(alpha(image, size / 2, size / 2)).as("centre is opaque (the mark is drawn)").isEqualTo(255);
    }

    @Test
    void windowsIcoHoldsEverySizeUpTo256() throws IOException {
        ByteBuffer ico = ByteBuffer.wrap(Files.readAllBytes(icons.resolve("jitterbug.ico"))).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(ico.getShort(0)).as("reserved").isZero();
        assertThat(ico.getShort(2)).as("type 1 = icon").isEqualTo((short) 1);
        int count = ico.getShort(4);
        List<String> sizes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int entry = 6 + 16 * i;
            sizes.add(icoDimension(ico.get(entry)) + "x" + icoDimension(ico.get(entry + 1)));
            int dataSize = ico.getInt(entry + 8);
            int dataOffset = ico.getInt(entry + 12);
            assertThat((long) dataOffset + dataSize).as("entry %d lies inside the file", i).isLessThanOrEqualTo(ico.capacity());
        }
        assertThat(sizes).containsExactly("16x16", "24x24", "32x32", "48x48", "64x64", "128x128", "256x256");
    }

    @Test
    void macIcnsHoldsTheSizesMacOsUses() throws IOException {
        ByteBuffer icns = ByteBuffer.wrap(Files.readAllBytes(icons.resolve("jitterbug.icns"))); // big-endian
        assertThat(fourCc(icns, 0)).isEqualTo("icns");
        assertThat(icns.getInt(4)).as("declared length").isEqualTo(icns.capacity());
        List<String> types = new ArrayList<>();
        int offset = 8;
        while (offset < icns.capacity()) {
            types.add(fourCc(icns, offset));
            int length = icns.getInt(offset + 4);
            assertThat(length).as("element length").isGreaterThan(8);
            offset += length;
        }
        assertThat(offset).as("elements fill the file exactly").isEqualTo(icns.capacity());
        // 16, 32, 48 and 128 px as RGB + mask; 256 and 512 px as compressed images.
        assertThat(types).contains("is32", "s8mk", "il32", "l8mk", "ih32", "h8mk", "it32", "t8mk", "ic08", "ic09");
    }

    @Test
    void theSourceDrawingsAreSvg() throws IOException {
        for (String name : new String[] {"jitterbug.svg", "jitterbug-small.svg"}) {
            String svg = new String(Files.readAllBytes(icons.resolve(name)), StandardCharsets.UTF_8);
            assertThat(svg).as(name).contains("<svg").contains("xmlns=\"http://www.w3.org/2000/svg\"");
        }
    }

    private static int alpha(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) >>> 24;
    }

    /** An .ico directory entry stores 256 as 0 (the field is one byte). */
    private static int icoDimension(byte value) {
        int unsigned = value & 0xff;
        return unsigned == 0 ? 256 : unsigned;
    }

    private static String fourCc(ByteBuffer buffer, int offset) {
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            bytes[i] = buffer.get(offset + i);
        }
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    private static Path iconsDir() {
        String dir = System.getProperty("jitterbug.iconsDir");
        if (dir == null) {
            throw new IllegalStateException("System property jitterbug.iconsDir is not set; client-fx/pom.xml sets it for surefire");
        }
        return Paths.get(dir);
    }
}
