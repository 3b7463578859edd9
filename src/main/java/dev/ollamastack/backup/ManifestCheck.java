package dev.ollamastack.backup;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a manifest must satisfy before anything it names is opened: it is input like the archives,
 * so its paths stay inside the backup, its names are names, and every archive it points at is one
 * of its checksummed files.
 */
final class ManifestCheck {
  private static final Pattern INSTALLATION = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,62}");
  private static final Pattern VOLUME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,254}");
  private static final Pattern FILE_PATH =
      Pattern.compile("(volumes/)?[A-Za-z0-9][A-Za-z0-9_.-]{0,254}");

  private ManifestCheck() {}

  static void check(Manifest m, String where) {
    if (!Manifest.FORMAT.equals(m.format())) {
      throw BackupProblems.bad(
          where, "not an ollama-stack backup manifest (format " + m.format() + ")");
    }
    if (m.formatVersion() > Manifest.FORMAT_VERSION || m.formatVersion() < 1) {
      throw BackupProblems.bad(
          where,
          "format version "
              + m.formatVersion()
              + " is not one this ollama-stack reads (it reads 1); made by ollama-stack "
              + m.toolVersion()
              + ", upgrade to restore it");
    }
    if (m.installation() == null || !INSTALLATION.matcher(m.installation()).matches()) {
      throw BackupProblems.bad(where, "installation name '" + m.installation() + "' is not valid");
    }
    if (m.createdAt() == null) {
      throw BackupProblems.bad(where, "createdAt is missing");
    }
    if (!Manifest.STORE_BESIDE.equals(m.blobStore())
        && !Manifest.STORE_INSIDE.equals(m.blobStore())) {
      throw BackupProblems.bad(where, "blobStore '" + m.blobStore() + "' is not ../blobs or blobs");
    }
    Set<String> files = new HashSet<>();
    for (Manifest.FileEntry f : m.files()) {
      if (f.path() == null || !FILE_PATH.matcher(f.path()).matches() || f.path().contains("..")) {
        throw BackupProblems.bad(where, "file path '" + f.path() + "' is not a plain name");
      }
      if (f.sha256() == null || !Sha256.HEX.matcher(f.sha256()).matches() || f.size() < 0) {
        throw BackupProblems.bad(where, f.path() + " has no valid size and sha256");
      }
      if (!files.add(f.path())) {
        throw BackupProblems.bad(where, f.path() + " is listed twice");
      }
    }
    Set<String> volumes = new HashSet<>();
    for (Manifest.Volume v : m.volumes()) {
      if (v.name() == null || !VOLUME.matcher(v.name()).matches() || !volumes.add(v.name())) {
        throw BackupProblems.bad(where, "volume name '" + v.name() + "' is not valid or repeated");
      }
      if (v.archive() == null || !files.contains(v.archive())) {
        throw BackupProblems.bad(
            where, "volume " + v.name() + " names an archive that is not listed");
      }
      if (v.contentSha256() == null || !Sha256.HEX.matcher(v.contentSha256()).matches()) {
        throw BackupProblems.bad(where, "volume " + v.name() + " has no content digest");
      }
      for (Manifest.Blob b : v.blobs()) {
        if (b.sha256() == null || !Sha256.HEX.matcher(b.sha256()).matches() || b.size() < 0) {
          throw BackupProblems.bad(where, "volume " + v.name() + " lists a blob without a digest");
        }
        if (!("models/blobs/sha256-" + b.sha256()).equals(b.path())) {
          throw BackupProblems.bad(
              where, "blob " + b.sha256() + " of volume " + v.name() + " has path " + b.path());
        }
      }
    }
  }
}
