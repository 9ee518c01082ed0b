package dev.trainbench.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (the MNIST format), plain or gzip-compressed (recognised by the gzip magic bytes,
 * not the file name). Header: two zero bytes, a type byte (0x08 ubyte, 0x09 byte, 0x0B short,
 * 0x0C int, 0x0D float, 0x0E double), the number of dimensions, then each dimension as a big-endian
 * int32; the values follow, big-endian.
 *
 * <p>Data file: 3-D {@code [n, h, w]} images (sample shape {@code [1, h, w]}), 4-D {@code [n, h, w, c]}
 * images (sample shape {@code [c, h, w]}), or 2-D {@code [n, d]} features. Labels file: 1-D; integer
 * types give classification (classes {@code "0".."max"}), float types give regression.
 *
 * <p>A corrupt header cannot make the loader allocate gigabytes: the declared size is checked against
 * a limit and, for plain files, against the file's length before anything is allocated, and gzip
 * data is read in growing chunks so that a short stream fails as "truncated" first.
 */
public final class IdxLoader {

    /** At most this many values in one file (1 GiB of floats). */
    static final long MAX_VALUES = 1L << 28;
    /** At most this many bytes of values in one file. */
    static final long MAX_BYTES = 1L << 30;
    static final int MAX_DIMENSIONS = 4;
    /** Integer labels from this on are more classes than any loader accepts. */
    static final int MAX_CLASSES = DataLimits.MAX_CLASSES;

    private IdxLoader() {
    }

    /** The values of one IDX file as floats, with the type code and dimensions. */
    record IdxArray(int type, int[] dims, float[] values) {
        boolean integerType() {
            return type == 0x08 || type == 0x09 || type == 0x0B || type == 0x0C;
        }
    }

    /** Loads a data file and its labels file; {@code labels} is required. */
    public static Dataset load(Path data, Path labels) {
        if (labels == null) {
            throw new DataException(data.getFileName() + ": an IDX data set needs a labels file as well. "
                    + "Fix: set data.labelsPath to the labels file (e.g. train-labels-idx1-ubyte.gz).");
        }
        IdxArray x = readFile(data);
        IdxArray y = readFile(labels);
        return combine(x, data.getFileName().toString(), y, labels.getFileName().toString(),
                data.getFileName().toString());
    }

    /** Loads from streams (e.g. shipped samples); the names are used in messages. */
    public static Dataset read(InputStream data, String dataName, InputStream labels, String labelsName,
                               String datasetName) {
        IdxArray x;
        IdxArray y;
        try (data; labels) {
            x = read(data, dataName, -1);
            y = read(labels, labelsName, -1);
        } catch (IOException e) {
            throw new DataException(dataName + ": cannot be read (" + e.getMessage() + ").", e);
        }
        return combine(x, dataName, y, labelsName, datasetName);
    }

    static IdxArray readFile(Path file) {
        String name = file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            throw new DataException(file + ": file not found. Check data.path / data.labelsPath.");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, name, Files.size(file));
        } catch (IOException e) {
            throw new DataException(name + ": cannot be read (" + e.getMessage() + "). Check the file's permissions.", e);
        }
    }

    /**
     * Reads one IDX file from a stream.
     *
     * @param length the stream's length in bytes when known (a plain file), else -1
     */
    static IdxArray read(InputStream raw, String name, long length) {
        try {
            BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
            buffered.mark(2);
            int b0 = buffered.read();
            int b1 = buffered.read();
            buffered.reset();
            InputStream in = buffered;
            boolean gzip = b0 == 0x1f && b1 == 0x8b;
            if (gzip) {
                in = new BufferedInputStream(new GZIPInputStream(buffered, 1 << 16), 1 << 16);
                length = -1;
            }
            byte[] head = readUpTo(in, 4);
            if (head.length < 4) {
                throw new DataException(name + ": the file is empty or truncated" + (gzip ? " (after gzip decompression)" : "")
                        + ": an IDX file starts with a 4-byte header, found " + head.length + " bytes. "
                        + "Fix: download or export the file again.");
            }
            int type = head[2] & 0xff;
            int ndims = head[3] & 0xff;
            if (head[0] != 0 || head[1] != 0) {
                throw new DataException(name + ": not an IDX file: the first bytes are " + hex(head) + describe(head)
                        + ", but an IDX file starts with 00 00, a type byte (08 ubyte, 09 byte, 0B short, 0C int, 0D float, "
                        + "0E double) and the number of dimensions. Fix: choose the IDX file (e.g. train-images-idx3-ubyte"
                        + " or its .gz), not a file of another format.");
            }
            int size = switch (type) {
                case 0x08, 0x09 -> 1;
                case 0x0B -> 2;
                case 0x0C, 0x0D -> 4;
                case 0x0E -> 8;
                default -> throw new DataException(name + ": unknown IDX value type 0x" + String.format("%02X", type)
                        + " in byte 3 of the header; IDX knows 08 ubyte, 09 byte, 0B short, 0C int, 0D float, 0E double. "
                        + "Fix: the file is corrupt or not IDX; export it again.");
            };
            if (ndims < 1 || ndims > MAX_DIMENSIONS) {
                throw new DataException(name + ": the header declares " + ndims + " dimensions; TrainBench reads IDX files "
                        + "with 1 to " + MAX_DIMENSIONS + " (labels [n], features [n,d], images [n,h,w] or [n,h,w,c]). "
                        + "Fix: the file is corrupt or not IDX; export it again.");
            }
            byte[] dimBytes = readUpTo(in, 4 * ndims);
            if (dimBytes.length < 4 * ndims) {
                throw truncated(name, 4 + 4L * ndims, 4 + dimBytes.length, "its header");
            }
            ByteBuffer db = ByteBuffer.wrap(dimBytes).order(ByteOrder.BIG_ENDIAN);
            int[] dims = new int[ndims];
            long count = 1;
            for (int k = 0; k < ndims; k++) {
                dims[k] = db.getInt();
                if (dims[k] <= 0) {
                    throw new DataException(name + ": dimension " + (k + 1) + " of " + ndims + " is " + dims[k]
                            + " in the header; every dimension must be at least 1. Fix: the file is corrupt or has no "
                            + "samples; export it again.");
                }
                count *= dims[k];
                if (count > MAX_VALUES) {
                    throw new DataException(name + ": the header declares dimensions " + Arrays.toString(Arrays.copyOf(dims, k + 1))
                            + (k + 1 < ndims ? "..." : "") + ", more than " + MAX_VALUES + " values, which is more than "
                            + "TrainBench loads at once (or a corrupt header). Fix: use a smaller file, or export it again.");
                }
            }
            long headerBytes = 4 + 4L * ndims;
            long expected = count * size;
            if (expected > MAX_BYTES) {
                throw new DataException(name + ": the header declares dimensions " + Arrays.toString(dims) + " of "
                        + size + "-byte values, " + expected + " bytes, more than TrainBench loads at once ("
                        + MAX_BYTES + "), or a corrupt header. Fix: use a smaller file, or export it again.");
            }
            if (length >= 0 && headerBytes + expected > length) {
                throw truncated(name, headerBytes + expected, length, "the header's dimensions " + Arrays.toString(dims));
            }
            if (length >= 0 && headerBytes + expected < length) {
                throw new DataException(name + ": the header's dimensions " + Arrays.toString(dims) + " need "
                        + (headerBytes + expected) + " bytes, but the file has " + length + " (" + (length - headerBytes - expected)
                        + " extra). Fix: the header does not match the data; export the file again.");
            }
            byte[] bytes = readChunked(in, (int) expected);
            if (bytes.length < expected) {
                throw truncated(name, headerBytes + expected, headerBytes + bytes.length, "the header's dimensions "
                        + Arrays.toString(dims));
            }
            if (in.read() != -1) {
                throw new DataException(name + ": there is more data after the " + count + " values that the header's "
                        + "dimensions " + Arrays.toString(dims) + " declare. Fix: the header does not match the data; "
                        + "export the file again.");
            }
            return new IdxArray(type, dims, toFloats(bytes, type, (int) count, name));
        } catch (ZipException e) {
            throw new DataException(name + ": the gzip data is corrupt (" + e.getMessage() + "). Fix: download or "
                    + "compress the file again.", e);
        } catch (EOFException e) {
            throw new DataException(name + ": the gzip data ends early, so the file is truncated. Fix: download or "
                    + "compress the file again.", e);
        } catch (IOException e) {
            throw new DataException(name + ": cannot be read (" + e.getMessage() + ").", e);
        }
    }

    private static DataException truncated(String name, long expected, long found, String why) {
        return new DataException(name + ": the file is truncated: " + why + " need " + expected + " bytes, found "
                + found + ". Fix: download or export the file again (an interrupted copy or download cuts files short).");
    }

    private static byte[] readUpTo(InputStream in, int n) throws IOException {
        return in.readNBytes(n);
    }

    /** Reads up to {@code n} bytes, growing the buffer as data actually arrives. */
    private static byte[] readChunked(InputStream in, int n) throws IOException {
        byte[] buf = new byte[Math.min(n, 1 << 20)];
        int filled = 0;
        while (filled < n) {
            if (filled == buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(n, 2L * buf.length));
            }
            int r = in.read(buf, filled, buf.length - filled);
            if (r < 0) {
                break;
            }
            filled += r;
        }
        return filled == buf.length ? buf : Arrays.copyOf(buf, filled);
    }

    private static float[] toFloats(byte[] bytes, int type, int count, String name) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            double x = switch (type) {
                case 0x08 -> b.get() & 0xff;
                case 0x09 -> b.get();
                case 0x0B -> b.getShort();
                case 0x0C -> b.getInt();
                case 0x0D -> b.getFloat();
                default -> b.getDouble();
            };
            if (!Double.isFinite(x) || Math.abs(x) > CsvLoader.HUGE) {
                throw new DataException(name + ", entry " + i + ": the value " + x + " is "
                        + (Double.isFinite(x) ? "too large (beyond 1e30)" : "not a finite number")
                        + " and would break training. Fix: clean the data and export it again.");
            }
            v[i] = (float) x;
        }
        return v;
    }

    private static Dataset combine(IdxArray x, String xName, IdxArray y, String yName, String datasetName) {
        int[] d = x.dims();
        int n = d[0];
        int[] shape;
        float[] features = x.values();
        switch (d.length) {
            case 2 -> shape = new int[] {d[1]};
            case 3 -> shape = new int[] {1, d[1], d[2]};
            case 4 -> {
                shape = new int[] {d[3], d[1], d[2]};
                features = channelsFirst(features, n, d[1], d[2], d[3]);
            }
            default -> throw new DataException(xName + ": has 1 dimension [" + n + "], which looks like a labels file. "
                    + "Fix: set data.path to the images or features file ([n,h,w] or [n,d]) and data.labelsPath to this one.");
        }
        if (y.dims().length != 1) {
            throw new DataException(yName + ": a labels file must have 1 dimension [n], but it has "
                    + Arrays.toString(y.dims()) + ". Fix: check that data.path and data.labelsPath are not swapped.");
        }
        if (y.dims()[0] != n) {
            throw new DataException(yName + ": has " + y.dims()[0] + " labels but " + xName + " has " + n
                    + " samples; each sample needs one label. Fix: use the labels file that belongs to this data file.");
        }
        if (!y.integerType()) {
            return Dataset.regression(datasetName, features, shape, y.values(), 1, null);
        }
        float[] raw = y.values();
        int[] labels = new int[n];
        int max = 0;
        boolean[] seen = new boolean[MAX_CLASSES];
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            float v = raw[i];
            if (v < 0) {
                throw new DataException(yName + ", entry " + i + ": the label " + (long) v + " is negative; class labels"
                        + " are numbered from 0. Fix: renumber the labels from 0.");
            }
            if (v >= MAX_CLASSES) {
                throw new DataException(DataLimits.tooManyClasses(yName, "entry " + i + " has the label " + (long) v
                        + " (classes are numbered from 0)", "Fix: renumber the labels from 0, or use a file of float labels"
                        + " for a regression."));
            }
            labels[i] = (int) v;
            max = Math.max(max, labels[i]);
            if (!seen[labels[i]]) {
                seen[labels[i]] = true;
                distinct++;
            }
        }
        if (distinct < 2) {
            throw new DataException(yName + ": every label is " + labels[0] + ", and a classifier needs at least two "
                    + "classes. Fix: use a labels file with more than one class.");
        }
        List<String> classNames = new ArrayList<>();
        for (int c = 0; c <= max; c++) {
            classNames.add(Integer.toString(c));
        }
        List<String> featureNames = null;
        if (shape.length == 1) {
            featureNames = new ArrayList<>();
            for (int k = 0; k < shape[0]; k++) {
                featureNames.add("f" + k);
            }
        }
        return Dataset.classification(datasetName, features, shape, labels, classNames, featureNames);
    }

    private static float[] channelsFirst(float[] v, int n, int h, int w, int c) {
        float[] out = new float[v.length];
        int hw = h * w;
        for (int i = 0; i < n; i++) {
            int base = i * hw * c;
            for (int p = 0; p < hw; p++) {
                for (int k = 0; k < c; k++) {
                    out[base + k * hw + p] = v[base + p * c + k];
                }
            }
        }
        return out;
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(s.isEmpty() ? "" : " ").append(String.format("%02X", x & 0xff));
        }
        return s.toString();
    }

    private static String describe(byte[] b) {
        if (b[0] == (byte) 0x89 && b[1] == 'P') {
            return " (a PNG image)";
        }
        if (b[0] == 'P' && b[1] == 'K') {
            return " (a ZIP archive: unpack it first)";
        }
        boolean text = true;
        for (byte x : b) {
            text &= x >= 0x20 && x < 0x7f;
        }
        return text ? " (text \"" + new String(b, java.nio.charset.StandardCharsets.US_ASCII) + "\", perhaps a CSV file)" : "";
    }
}
