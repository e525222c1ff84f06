package org.otklik.media;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;

import com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi;
import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;

/**
 * The formats a photo may come in, recognised by their content (the readers' own signature checks), never
 * by a file name or a declared type. HEIC/HEIF is recognised only to be refused by name: no maintained
 * pure-Java decoder exists (TwelveMonkeys has none; decoding HEVC needs native libheif).
 */
enum ImageFormat {
    JPEG(registered(JPEGImageReaderSpi.class, JPEGImageReaderSpi::new)),
    PNG(builtIn("png")),
    WEBP(registered(WebPImageReaderSpi.class, WebPImageReaderSpi::new));

    /** ISO-BMFF brands of HEIF images (HEIC, HEIF sequences) and AVIF. */
    private static final List<String> HEIF_BRANDS = List.of("heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1",
            "avif", "avis");

    private final ImageReaderSpi reader;

    ImageFormat(ImageReaderSpi reader) {
        this.reader = reader;
    }

    ImageReader newReader() throws IOException {
        return reader.createReaderInstance();
    }

    /** The format whose reader recognises the stream's first bytes; the stream is left where it was. */
    static ImageFormat of(ImageInputStream stream) throws IOException {
        for (ImageFormat format : values()) {
            stream.mark();
            try {
                if (format.reader.canDecodeInput(stream)) {
                    return format;
                }
            } catch (java.io.EOFException tooShort) {
                // fewer bytes than the format's signature: not this format
            } finally {
                stream.reset();
            }
        }
        return null;
    }

    /** An ISO-BMFF file ("ftyp" box) of an HEIF or AVIF brand. */
    static boolean isHeif(ImageInputStream stream) throws IOException {
        byte[] head = new byte[12];
        stream.mark();
        try {
            stream.readFully(head);
        } catch (java.io.EOFException e) {
            return false;
        } finally {
            stream.reset();
        }
        String box = new String(head, 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
        String brand = new String(head, 8, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
        return "ftyp".equals(box) && HEIF_BRANDS.contains(brand);
    }

    /**
     * A plugin's reader, registered with ImageIO by this code rather than found by class-path scanning: that works
     * the same in the JVM, under Quarkus' class loaders and in a native executable, and the registration hands the
     * TwelveMonkeys JPEG reader the JDK reader it delegates to.
     */
    private static <T extends ImageReaderSpi> T registered(Class<T> type, java.util.function.Supplier<T> create) {
        IIORegistry registry = IIORegistry.getDefaultInstance();
        T found = registry.getServiceProviderByClass(type);
        if (found != null) {
            return found;
        }
        T created = create.get();
        registry.registerServiceProvider(created, ImageReaderSpi.class);
        return created;
    }

    /** The JDK's own reader of a format (PNG): always present in java.desktop. */
    private static ImageReaderSpi builtIn(String name) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(name);
        while (readers.hasNext()) {
            ImageReaderSpi spi = readers.next().getOriginatingProvider();
            if (spi.getPluginClassName().startsWith("com.sun.imageio.")) {
                return spi;
            }
        }
        throw new IllegalStateException("the JDK has no " + name + " reader");
    }
}
