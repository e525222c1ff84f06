package org.otklik.testsupport;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

/**
 * Real image files for the photo tests, made here: JPEGs with a hand-built EXIF block (orientation, camera,
 * GPS position), XMP and a comment, a JPEG with a ZIP appended (a polyglot), PNGs, and a PNG whose header
 * claims a decompression bomb.
 */
public final class TestImages {

    /** Text that sits in the metadata of {@link #phoneJpeg} and must never come back. */
    public static final String CAMERA = "OtklikCam X1";
    public static final String COMMENT = "secret comment: flat 17";
    public static final String XMP_MARK = "xmpmeta";

    private TestImages() {
    }

    /** Left half red, right half blue: tells which way an image was turned. */
    public static BufferedImage halves(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, width / 2, height);
        g.setColor(Color.BLUE);
        g.fillRect(width / 2, 0, width - width / 2, height);
        g.dispose();
        return image;
    }

    public static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] png(int width, int height) {
        return encode(halves(width, height), "png");
    }

    /**
     * A phone photo: a JPEG of {@code width × height} pixels with an EXIF block (camera, orientation, GPS position of
     * Samara), an XMP packet with the position again, and a comment.
     */
    public static byte[] phoneJpeg(int width, int height, int orientation) {
        byte[] plain = encode(halves(width, height), "jpg");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, 2); // SOI
        segment(out, 0xE1, concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), exif(orientation)));
        segment(out, 0xE1, ("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><exif:GPSLatitude>53,12.0N"
                + "</exif:GPSLatitude></x:xmpmeta>").getBytes(StandardCharsets.UTF_8));
        segment(out, 0xFE, COMMENT.getBytes(StandardCharsets.UTF_8));
        out.write(plain, 2, plain.length - 2);
        return out.toByteArray();
    }

    /** A JPEG followed by a ZIP archive: both readers accept the file. */
    public static byte[] jpegWithZip(int width, int height) {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream archive = new ZipOutputStream(zip)) {
            archive.putNextEntry(new ZipEntry("payload.txt"));
            archive.write("hidden payload".getBytes(StandardCharsets.UTF_8));
            archive.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return concat(encode(halves(width, height), "jpg"), zip.toByteArray());
    }

    /** A small PNG whose header claims {@code width × height} pixels: decoding it in full would take gigabytes. */
    public static byte[] pngClaiming(int width, int height) {
        byte[] png = png(8, 8);
        ByteBuffer buffer = ByteBuffer.wrap(png);
        // signature (8), IHDR length (4), "IHDR" (4), then width and height
        buffer.putInt(16, width);
        buffer.putInt(20, height);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17);
        buffer.putInt(29, (int) crc.getValue());
        return png;
    }

    /** The start of an iPhone HEIC file: an ISO-BMFF "ftyp" box of brand heic. */
    public static byte[] heicHeader() {
        ByteBuffer box = ByteBuffer.allocate(64);
        box.putInt(24).put("ftypheic".getBytes(StandardCharsets.ISO_8859_1)).putInt(0)
                .put("mif1heic".getBytes(StandardCharsets.ISO_8859_1));
        box.putInt(40).put("meta".getBytes(StandardCharsets.ISO_8859_1));
        return box.array();
    }

    /** Big-endian TIFF: IFD0 with Make, Orientation and a GPS IFD pointer; the GPS IFD with latitude and longitude. */
    static byte[] exif(int orientation) {
        byte[] make = (CAMERA + "\0").getBytes(StandardCharsets.ISO_8859_1);
        int ifd0 = 8;
        int makeAt = ifd0 + 2 + 3 * 12 + 4;
        int gpsAt = makeAt + make.length;
        int latAt = gpsAt + 2 + 4 * 12 + 4;
        int lonAt = latAt + 24;
        ByteBuffer tiff = ByteBuffer.allocate(lonAt + 24);
        tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(ifd0);
        tiff.putShort((short) 3);
        entry(tiff, 0x010F, 2, make.length, makeAt);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        entry(tiff, 0x8825, 4, 1, gpsAt);
        tiff.putInt(0);
        tiff.put(make);
        tiff.putShort((short) 4);
        tiff.putShort((short) 1).putShort((short) 2).putInt(2).put((byte) 'N').put((byte) 0).putShort((short) 0);
        entry(tiff, 2, 5, 3, latAt);
        tiff.putShort((short) 3).putShort((short) 2).putInt(2).put((byte) 'E').put((byte) 0).putShort((short) 0);
        entry(tiff, 4, 5, 3, lonAt);
        tiff.putInt(0);
        // 53° 12' N, 50° 9' E: degrees, minutes, seconds as rationals
        for (int value : new int[] { 53, 12, 0, 50, 9, 0 }) {
            tiff.putInt(value).putInt(1);
        }
        return tiff.array();
    }

    private static void entry(ByteBuffer tiff, int tag, int type, int count, int valueOrOffset) {
        tiff.putShort((short) tag).putShort((short) type).putInt(count).putInt(valueOrOffset);
    }

    private static void segment(ByteArrayOutputStream out, int marker, byte[] data) {
        out.write(0xFF);
        out.write(marker);
        int length = data.length + 2;
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.write(data, 0, data.length);
    }

    public static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** Whether {@code haystack} contains the bytes of {@code text}. */
    public static boolean contains(byte[] haystack, String text) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(text);
    }
}
