package dev.ollamastack.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A backup directory ({@code backup-<time>/}) with the shared blob store beside it. */
public final class DirectorySource implements BackupSource {
  private final Path dir;
  private final Manifest manifest;
  private final BlobStore store;

  private DirectorySource(Path dir, Manifest manifest) {
    this.dir = dir;
    this.manifest = manifest;
    this.store = new BlobStore(dir.resolve(Manifest.STORE_BESIDE).normalize());
  }

  /** Reads and checks {@code dir/manifest.json}. */
  public static DirectorySource open(Path dir) {
    Path file = dir.resolve(Manifest.FILE);
    try (InputStream in = Files.newInputStream(file)) {
      Manifest m = ManifestJson.read(in, dir.getFileName() + "/" + Manifest.FILE);
      if (!Manifest.STORE_BESIDE.equals(m.blobStore())) {
        throw BackupProblems.bad(dir.toString(), "its manifest belongs inside an archive");
      }
      return new DirectorySource(dir, m);
    } catch (NoSuchFileException e) {
      throw BackupProblems.bad(dir.toString(), "has no " + Manifest.FILE);
    } catch (IOException e) {
      throw BackupProblems.bad(dir.toString(), "cannot be read (" + e.getMessage() + ")");
    }
  }

  @Override
  public Manifest manifest() {
    return manifest;
  }

  @Override
  public boolean checksummed() {
    return true;
  }

  @Override
  public String describe() {
    return dir.toString();
  }

  @Override
  public void visit(BackupVisitor visitor) throws IOException {
    for (Manifest.FileEntry f : manifest.files()) {
      if (!"volume".equals(f.role())) {
        try (Sha256.In in = open(f)) {
          visitor.file(f, in);
          CheckedFile.finish(in, f.path(), f.size(), f.sha256());
        }
      }
    }
    for (Manifest.Volume v : manifest.volumes()) {
      for (Manifest.Blob b : v.blobs()) {
        String where = "blob sha256:" + b.sha256() + " (" + store.path(b.sha256()) + ")";
        if (!store.has(b.sha256())) {
          throw BackupProblems.bad(
              where, "is missing: copy the blobs/ directory beside the backup with it");
        }
        if (!visitor.readsBlobs()) {
          if (store.size(b.sha256()) != b.size()) {
            throw BackupProblems.bad(where, "has another size than the manifest records");
          }
          visitor.blob(b.sha256(), b.size(), InputStream.nullInputStream());
          continue;
        }
        try (Sha256.In in = CheckedFile.wrap(store.open(b.sha256()))) {
          visitor.blob(b.sha256(), b.size(), in);
          CheckedFile.finish(in, where, b.size(), b.sha256());
        }
      }
      Manifest.FileEntry f = manifest.file(v.archive());
      try (Sha256.In in = open(f)) {
        visitor.volume(v, in);
        CheckedFile.finish(in, f.path(), f.size(), f.sha256());
      }
    }
  }

  private Sha256.In open(Manifest.FileEntry f) throws IOException {
    try {
      return CheckedFile.wrap(Files.newInputStream(dir.resolve(f.path())));
    } catch (NoSuchFileException e) {
      throw BackupProblems.bad(f.path(), "is missing");
    }
  }
}
