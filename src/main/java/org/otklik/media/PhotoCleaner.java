package org.otklik.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.otklik.common.problem.ProblemException;

import net.coobird.thumbnailator.Thumbnails;

/**
 * Turns an uploaded file into a clean copy and a thumbnail: the format is recognised from the content, the
 * dimensions are read from the header and checked before anything is decoded, the pixels are decoded (sub-sampled
 * when the image is much larger than the stored size, which bounds the memory), turned upright by the EXIF
 * orientation, scaled to the long-side limits and encoded anew as JPEG without any metadata. Nothing of the
 * original file survives: no EXIF, GPS, XMP, ICC profile, comment or trailing bytes.
 */
final class PhotoCleaner {

    /** @param quality JPEG quality, 0 to 1 */
    record Limits(long maxPixels, int maxLongSide, int thumbnailLongSide, float quality) {
    }

    /** The stored copy and its thumbnail, both JPEG. */
    record CleanPhoto(ImageFormat source, int width, int height, byte[] image, byte[] thumbnail, String sha256) {
    }

    /** What the header says, before any pixel is decoded. */
    private record Header(ImageFormat format, int width, int height) {
    }

    private final Limits limits;

    PhotoCleaner(Limits limits) {
        this.limits = limits;
    }

    /** Recognises, checks the header, decodes and re-encodes; refusals are {@link MediaProblem} problems. */
    CleanPhoto clean(File file) {
        try (ImageInputStream stream = new FileImageInputStream(file)) {
            ImageFormat format = recognise(stream);
            int orientation = format == ImageFormat.JPEG ? ExifOrientation.of(stream) : ExifOrientation.UPRIGHT;
            ImageReader reader = format.newReader();
            BufferedImage decoded;
            try {
                reader.setInput(stream, true, true);
                Header header = checked(new Header(format, reader.getWidth(0), reader.getHeight(0)));
                ImageReadParam param = reader.getDefaultReadParam();
                int step = Math.max(1, Math.max(header.width(), header.height()) / limits.maxLongSide());
                param.setSourceSubsampling(step, step, 0, 0);
                decoded = reader.read(0, param);
            } finally {
                reader.dispose();
            }
            BufferedImage upright = ExifOrientation.upright(opaque(decoded), orientation);
            decoded = null;
            BufferedImage stored = fitted(upright, limits.maxLongSide());
            upright = null;
            byte[] image = jpeg(stored);
            byte[] thumbnail = jpeg(fitted(stored, limits.thumbnailLongSide()));
            return new CleanPhoto(format, stored.getWidth(), stored.getHeight(), image, thumbnail, sha256(image));
        } catch (IOException | RuntimeException e) {
            throw refusal(e);
        }
    }

    private static ImageFormat recognise(ImageInputStream stream) throws IOException {
        ImageFormat format = ImageFormat.of(stream);
        if (format != null) {
            return format;
        }
        if (ImageFormat.isHeif(stream)) {
            throw new ProblemException(MediaProblem.UNSUPPORTED_FORMAT, "HEIC/HEIF and AVIF images cannot be decoded here "
                    + "(no maintained Java decoder exists): send a JPEG, PNG or WebP; phones and the widget convert on upload.");
        }
        throw new ProblemException(MediaProblem.UNSUPPORTED_FORMAT,
                "The file is not a JPEG, PNG or WebP image (recognised by its content, not its name or declared type).");
    }

    private Header checked(Header header) {
        if (header.width() <= 0 || header.height() <= 0) {
            throw new ProblemException(MediaProblem.UNREADABLE_IMAGE, "The image header gives no size.");
        }
        if ((long) header.width() * header.height() > limits.maxPixels()) {
            throw new ProblemException(MediaProblem.TOO_MANY_PIXELS, "The image is " + header.width() + " × " + header.height()
                    + " pixels; at most " + limits.maxPixels() / 1_000_000 + " megapixels are accepted.");
        }
        return header;
    }

    private static ProblemException refusal(Exception e) {
        if (e instanceof ProblemException problem) {
            return problem;
        }
        return new ProblemException(MediaProblem.UNREADABLE_IMAGE, "The image data is damaged or incomplete.");
    }

    /** RGB without alpha (transparent parts on white), in a layout the JPEG writer takes. */
    private static BufferedImage opaque(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB || image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    /** Scaled down (never up) so that the long side is at most {@code longSide}. */
    private static BufferedImage fitted(BufferedImage image, int longSide) throws IOException {
        if (Math.max(image.getWidth(), image.getHeight()) <= longSide) {
            return image;
        }
        return Thumbnails.of(image).size(longSide, longSide).keepAspectRatio(true)
                .imageType(BufferedImage.TYPE_INT_RGB).asBufferedImage();
    }

    private byte[] jpeg(BufferedImage image) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 * 1024);
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(limits.quality());
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
