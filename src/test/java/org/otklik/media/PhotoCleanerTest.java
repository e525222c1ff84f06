package org.otklik.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.otklik.common.problem.ProblemException;
import org.otklik.testsupport.TestImages;

import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;

/** The cleaning of uploads, without a container: formats, metadata, orientation, sizes, refusals. */
class PhotoCleanerTest {

    private final PhotoCleaner cleaner = new PhotoCleaner(new PhotoCleaner.Limits(40_000_000, 2560, 480, 0.85f));

    @TempDir
    Path directory;

    private File file(byte[] content) throws IOException {
        Path file = Files.createTempFile(directory, "upload", ".bin");
        Files.write(file, content);
        return file.toFile();
    }

    private PhotoCleaner.CleanPhoto clean(byte[] content) throws IOException {
        return cleaner.clean(file(content));
    }

    @Test
    void aPhoneJpegLosesItsExifGpsXmpAndCommentAndIsTurnedUpright() throws IOException {
        byte[] upload = TestImages.phoneJpeg(400, 200, 6);
        assertThat(TestImages.contains(upload, TestImages.CAMERA)).isTrue();
        PhotoCleaner.CleanPhoto clean = clean(upload);

        assertThat(clean.source()).isEqualTo(ImageFormat.JPEG);
        // orientation 6: turned 90° clockwise, so the left (red) half is now on top
        assertThat(clean.width()).isEqualTo(200);
        assertThat(clean.height()).isEqualTo(400);
        BufferedImage stored = ImageIO.read(new ByteArrayInputStream(clean.image()));
        assertThat(reddish(stored.getRGB(100, 40))).isTrue();
        assertThat(reddish(stored.getRGB(100, 360))).isFalse();
        assertOnlyPixels(clean.image());
        assertOnlyPixels(clean.thumbnail());
        for (String secret : List.of(TestImages.CAMERA, TestImages.COMMENT, TestImages.XMP_MARK, "Exif")) {
            assertThat(TestImages.contains(clean.image(), secret)).as(secret).isFalse();
            assertThat(TestImages.contains(clean.thumbnail(), secret)).as(secret).isFalse();
        }
        assertThat(clean.sha256()).hasSize(64).isEqualTo(PhotoCleaner.sha256(clean.image()));
    }

    @Test
    void everyOrientationEndsUpright() throws IOException {
        Map<Integer, Boolean> turned = Map.of(1, false, 2, false, 3, false, 4, false, 5, true, 6, true, 7, true, 8, true);
        for (var orientation : turned.entrySet()) {
            PhotoCleaner.CleanPhoto clean = clean(TestImages.phoneJpeg(300, 100, orientation.getKey()));
            assertThat(clean.width()).as("orientation %d", orientation.getKey()).isEqualTo(orientation.getValue() ? 100 : 300);
        }
    }

    @Test
    void aLargeImageIsScaledTo2560AndItsThumbnailTo480() throws IOException {
        PhotoCleaner.CleanPhoto clean = clean(TestImages.encode(TestImages.halves(5200, 3000), "jpg"));
        assertThat(clean.width()).isEqualTo(2560);
        assertThat(clean.height()).isBetween(1476, 1478);
        BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(clean.thumbnail()));
        assertThat(Math.max(thumbnail.getWidth(), thumbnail.getHeight())).isEqualTo(480);
    }

    @Test
    void aSmallImageIsNeverEnlarged() throws IOException {
        PhotoCleaner.CleanPhoto clean = clean(TestImages.png(120, 90));
        assertThat(clean.source()).isEqualTo(ImageFormat.PNG);
        assertThat(clean.width()).isEqualTo(120);
        assertThat(clean.height()).isEqualTo(90);
    }

    @Test
    void webpIsDecodedByItsContent() throws IOException {
        byte[] webp;
        try (InputStream fixture = getClass().getResourceAsStream("/media/gradient-320x240.webp")) {
            webp = fixture.readAllBytes();
        }
        PhotoCleaner.CleanPhoto clean = clean(webp);
        assertThat(clean.source()).isEqualTo(ImageFormat.WEBP);
        assertThat(clean.width()).isEqualTo(320);
        assertThat(clean.height()).isEqualTo(240);
        assertOnlyPixels(clean.image());
    }

    @Test
    void theZipAfterAJpegIsNotKept() throws IOException {
        byte[] polyglot = TestImages.jpegWithZip(64, 64);
        assertThat(TestImages.contains(polyglot, "PK\u0003\u0004")).isTrue();
        PhotoCleaner.CleanPhoto clean = clean(polyglot);
        assertThat(TestImages.contains(clean.image(), "PK\u0003\u0004")).isFalse();
        assertThat(TestImages.contains(clean.image(), "hidden payload")).isFalse();
        assertOnlyPixels(clean.image());
    }

    @Test
    void heicIsRefusedByName() throws IOException {
        File heic = file(TestImages.heicHeader());
        assertThatThrownBy(() -> cleaner.clean(heic)).isInstanceOfSatisfying(ProblemException.class, problem -> {
            assertThat(problem.kind()).isEqualTo(MediaProblem.UNSUPPORTED_FORMAT);
            assertThat(problem.getMessage()).contains("HEIC");
        });
    }

    @Test
    void whatIsNoImageIsRefusedAs415() throws IOException {
        for (byte[] content : List.of("%PDF-1.7 not a photo".getBytes(), new byte[0], "GIF89a".getBytes())) {
            File file = file(content);
            assertThatThrownBy(() -> cleaner.clean(file)).isInstanceOfSatisfying(ProblemException.class,
                    problem -> assertThat(problem.kind()).isEqualTo(MediaProblem.UNSUPPORTED_FORMAT));
        }
    }

    @Test
    void aDamagedJpegIsRefusedAs400() throws IOException {
        byte[] jpeg = TestImages.encode(TestImages.halves(64, 64), "jpg");
        byte[] damaged = new byte[40];
        System.arraycopy(jpeg, 0, damaged, 0, damaged.length);
        File file = file(damaged);
        assertThatThrownBy(() -> cleaner.clean(file)).isInstanceOfSatisfying(ProblemException.class,
                problem -> assertThat(problem.kind()).isEqualTo(MediaProblem.UNREADABLE_IMAGE));
    }

    @Test
    void aDecompressionBombIsRefusedFromItsHeaderWithoutDecoding() throws IOException {
        File bomb = file(TestImages.pngClaiming(30_000, 30_000));
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        assertThatThrownBy(() -> cleaner.clean(bomb)).isInstanceOfSatisfying(ProblemException.class, problem -> {
            assertThat(problem.kind()).isEqualTo(MediaProblem.TOO_MANY_PIXELS);
            assertThat(problem.getMessage()).contains("30000 × 30000");
        });
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        // 900 megapixels would need 2.7 GB of pixels; refusing it from the header allocates next to nothing
        assertThat(allocated).isLessThan(8L * 1024 * 1024);
    }

    /** Only what a re-encoded JPEG has: JFIF, tables, frame, scan; no APPn but APP0, no comment, nothing after EOI. */
    static void assertOnlyPixels(byte[] jpeg) throws IOException {
        assertThat(jpeg[0] & 0xFF).isEqualTo(0xFF);
        assertThat(jpeg[1] & 0xFF).isEqualTo(0xD8);
        assertThat(jpeg[jpeg.length - 2] & 0xFF).isEqualTo(0xFF);
        assertThat(jpeg[jpeg.length - 1] & 0xFF).isEqualTo(0xD9);
        try (ImageInputStream stream = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
            List<JPEGSegment> segments = JPEGSegmentUtil.readSegments(stream, JPEGSegmentUtil.ALL_SEGMENTS);
            for (JPEGSegment segment : segments) {
                boolean app = segment.marker() >= 0xFFE1 && segment.marker() <= 0xFFEF;
                assertThat(app || segment.marker() == 0xFFFE).as("segment %x", segment.marker()).isFalse();
            }
        }
    }

    private static boolean reddish(int rgb) {
        Color color = new Color(rgb);
        return color.getRed() > 180 && color.getBlue() < 90;
    }
}
