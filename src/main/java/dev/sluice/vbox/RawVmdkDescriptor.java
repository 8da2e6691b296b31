package dev.sluice.vbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A VMDK text descriptor: the small file VirtualBox writes for a raw disk
 * ({@code createType="fullDevice"}) whose extent line names the device it really uses:
 * {@code RW 41943040 FLAT "/dev/zvol/tank/vm/disk0" 0}. Sluice reads it to learn which zvol a
 * VM disk is, and writes {@code monolithicFlat} descriptors, which qemu-img also accepts.
 */
public record RawVmdkDescriptor(String createType, List<Extent> extents, Map<String, String> ddb) {

    public static final long SECTOR = 512;
    private static final Pattern EXTENT = Pattern.compile("^(RW|RDONLY|NOACCESS)\\s+(\\d+)\\s+(\\w+)(?:\\s+\"((?:[^\"\\\\]|\\\\.)*)\"(?:\\s+(\\d+))?)?\\s*$");
    private static final Pattern KV = Pattern.compile("^([A-Za-z0-9_.]+)\\s*=\\s*\"?(.*?)\"?\\s*$");

    /** {@code RW 41943040 FLAT "/dev/zvol/..." 0}: access, size in 512-byte sectors, type, file, offset. */
    public record Extent(String access, long sectors, String type, String path, long offsetSectors) {
        public long bytes() {
            return sectors * SECTOR;
        }

        public boolean isDevice() {
            return path != null && path.startsWith("/dev/");
        }
    }

    public RawVmdkDescriptor {
        extents = List.copyOf(extents);
        ddb = Map.copyOf(ddb);
    }

    public boolean isRawDisk() {
        return "fullDevice".equals(createType) || "partitionedDevice".equals(createType)
                || ("monolithicFlat".equals(createType) && extents.stream().anyMatch(Extent::isDevice));
    }

    /** The device this disk really is, when it is one whole device. */
    public Optional<String> device() {
        return extents.size() == 1 && extents.get(0).isDevice() ? Optional.of(extents.get(0).path()) : Optional.empty();
    }

    public long totalBytes() {
        return extents.stream().mapToLong(Extent::bytes).sum();
    }

    /** Empty when the text is not a VMDK descriptor (e.g. the binary header of a sparse VMDK). */
    public static Optional<RawVmdkDescriptor> parse(String text) {
        if (text == null || !text.contains("# Disk DescriptorFile")) {
            return Optional.empty();
        }
        String createType = null;
        List<Extent> extents = new ArrayList<>();
        Map<String, String> ddb = new LinkedHashMap<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher e = EXTENT.matcher(line);
            if (e.matches()) {
                String path = e.group(4) == null ? null : e.group(4).replace("\\\"", "\"").replace("\\\\", "\\");
                extents.add(new Extent(e.group(1), Long.parseLong(e.group(2)), e.group(3), path,
                        e.group(5) == null ? 0 : Long.parseLong(e.group(5))));
                continue;
            }
            Matcher kv = KV.matcher(line);
            if (kv.matches()) {
                if (kv.group(1).equals("createType")) {
                    createType = kv.group(2);
                } else if (kv.group(1).startsWith("ddb.")) {
                    ddb.put(kv.group(1), kv.group(2));
                }
            }
        }
        return createType == null ? Optional.empty() : Optional.of(new RawVmdkDescriptor(createType, extents, ddb));
    }

    /**
     * A monolithicFlat descriptor for a whole device of {@code bytes} (a multiple of 512), with a
     * CHS geometry VirtualBox and QEMU both accept and the given image UUID.
     */
    public static RawVmdkDescriptor forDevice(String device, long bytes, String uuid) {
        if (bytes <= 0 || bytes % SECTOR != 0) {
            throw new IllegalArgumentException("A raw VMDK needs a size that is a positive multiple of 512 bytes, not " + bytes);
        }
        long sectors = bytes / SECTOR;
        long cylinders = Math.min(16383, Math.max(1, sectors / (16 * 63)));
        Map<String, String> ddb = new LinkedHashMap<>();
        ddb.put("ddb.virtualHWVersion", "4");
        ddb.put("ddb.adapterType", "ide");
        ddb.put("ddb.geometry.cylinders", Long.toString(cylinders));
        ddb.put("ddb.geometry.heads", "16");
        ddb.put("ddb.geometry.sectors", "63");
        ddb.put("ddb.uuid.image", uuid);
        return new RawVmdkDescriptor("monolithicFlat", List.of(new Extent("RW", sectors, "FLAT", device, 0)), ddb);
    }

    public String write() {
        StringBuilder sb = new StringBuilder();
        sb.append("# Disk DescriptorFile\nversion=1\n");
        sb.append("CID=").append(String.format("%08x", Math.abs((long) extents.hashCode()) & 0xffffffffL)).append('\n');
        sb.append("parentCID=ffffffff\n");
        sb.append("createType=\"").append(createType).append("\"\n\n# Extent description\n");
        for (Extent e : extents) {
            sb.append(e.access()).append(' ').append(e.sectors()).append(' ').append(e.type());
            if (e.path() != null) {
                sb.append(" \"").append(e.path().replace("\\", "\\\\").replace("\"", "\\\"")).append("\" ").append(e.offsetSectors());
            }
            sb.append('\n');
        }
        sb.append("\n# The disk Data Base\n#DDB\n\n");
        ddb.forEach((k, v) -> sb.append(k).append("=\"").append(v).append("\"\n"));
        return sb.toString();
    }
}
