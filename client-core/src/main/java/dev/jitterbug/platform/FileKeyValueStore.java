package dev.jitterbug.platform;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * One file per key in a folder; writes go to a temporary file that is synced and then renamed over the old one,
 * so a crash leaves either the old value or the new one, never half of each.
 */
public final class FileKeyValueStore implements KeyValueStore {
    private final Path dir;

    public FileKeyValueStore(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized String get(String key) {
        Path file = fileFor(key);
        try {
            return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    @Override
    public synchronized void put(String key, String value) {
        Path file = fileFor(key);
        try {
            if (value == null) {
                Files.deleteIfExists(file);
                return;
            }
            Path tmp = dir.resolve(file.getFileName() + ".tmp");
            try (FileOutputStream out = new FileOutputStream(tmp.toFile())) {
                out.write(value.getBytes(StandardCharsets.UTF_8));
                out.getFD().sync();
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private Path fileFor(String key) {
        StringBuilder name = new StringBuilder();
        for (char c : key.toCharArray()) {
            boolean safe = Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.';
            name.append(safe && c < 128 ? String.valueOf(c) : String.format("%%%04x", (int) c));
        }
        return dir.resolve(name.append(".json").toString().replace(File.separatorChar, '_'));
    }
}
