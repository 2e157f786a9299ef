package id.lumbung.core.upload;

/**
 * The name a person gave a file, made safe to keep and show: only its last path segment, only
 * letters, digits, spaces and {@code ._()-}, at most 120 characters; a name that leaves nothing
 * ({@code /}, {@code ..}, control characters) becomes {@code upload}.
 */
public final class UploadNames {
    private static final int MAXIMUM = 120;

    private UploadNames() {}

    public static String safe(String fileName) {
        String name = fileName == null ? "" : fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        name = name.replaceAll("[^\\p{L}\\p{N} ._()-]", "_").strip();
        if (name.isEmpty() || name.chars().allMatch(c -> c == '.' || c == '_')) {
            return "upload";
        }
        return name.length() > MAXIMUM ? name.substring(name.length() - MAXIMUM) : name;
    }
}
