package org.otklik.media;

import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;

import javax.imageio.stream.ImageInputStream;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;

/**
 * The EXIF orientation tag of a JPEG (1 to 8, 1 = upright), read with TwelveMonkeys' metadata readers, and
 * the turn and mirror that make the pixels upright. Only the tag is read; nothing of the EXIF is kept.
 */
final class ExifOrientation {

    static final int UPRIGHT = 1;

    private ExifOrientation() {
    }

    /** The orientation of a JPEG stream (left where it was), UPRIGHT when absent or unreadable. */
    static int of(ImageInputStream jpeg) {
        try {
            jpeg.mark();
            try {
                List<JPEGSegment> segments = JPEGSegmentUtil.readSegments(jpeg, JPEG.APP1, "Exif");
                for (JPEGSegment segment : segments) {
                    byte[] data = segment.data().readAllBytes();
                    int tiff = tiffStart(data);
                    if (tiff < 0) {
                        continue;
                    }
                    Directory directory = new TIFFReader().read(new ByteArrayImageInputStream(data, tiff, data.length - tiff));
                    Entry entry = directory.getEntryById(TIFF.TAG_ORIENTATION);
                    if (entry != null && entry.getValue() instanceof Number value && value.intValue() >= 1 && value.intValue() <= 8) {
                        return value.intValue();
                    }
                }
            } finally {
                jpeg.reset();
            }
        } catch (IOException | RuntimeException e) {
            // a broken EXIF block leaves the image as it is stored
        }
        return UPRIGHT;
    }

    /** The TIFF header ("II*\0" or "MM\0*") after the Exif identifier's padding. */
    private static int tiffStart(byte[] data) {
        for (int i = 0; i + 3 < data.length && i < 4; i++) {
            boolean intel = data[i] == 'I' && data[i + 1] == 'I' && data[i + 2] == 42 && data[i + 3] == 0;
            boolean motorola = data[i] == 'M' && data[i + 1] == 'M' && data[i + 2] == 0 && data[i + 3] == 42;
            if (intel || motorola) {
                return i;
            }
        }
        return -1;
    }

    /** The image turned upright: rotated and/or mirrored as the tag says. */
    static BufferedImage upright(BufferedImage image, int orientation) {
        if (orientation <= UPRIGHT || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean swaps = orientation >= 5;
        AffineTransform t = new AffineTransform();
        switch (orientation) {
            case 2 -> { t.translate(w, 0); t.scale(-1, 1); }
            case 3 -> { t.translate(w, h); t.rotate(Math.PI); }
            case 4 -> { t.translate(0, h); t.scale(1, -1); }
            case 5 -> { t.rotate(Math.PI / 2); t.scale(1, -1); }
            case 6 -> { t.translate(h, 0); t.rotate(Math.PI / 2); }
            case 7 -> { t.scale(-1, 1); t.translate(-h, 0); t.translate(0, w); t.rotate(3 * Math.PI / 2); }
            case 8 -> { t.translate(0, w); t.rotate(3 * Math.PI / 2); }
            default -> { }
        }
        BufferedImage turned = new BufferedImage(swaps ? h : w, swaps ? w : h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = turned.createGraphics();
        try {
            g.drawImage(image, t, null);
        } finally {
            g.dispose();
        }
        return turned;
    }
}
