package dev.warden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.it.support.AgentRun;
import dev.warden.it.support.Cases;
import dev.warden.it.support.FileTree;
import dev.warden.it.support.Jdk;
import dev.warden.it.support.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every JDK path that reads or changes a file, in monitor (the effect happens and an alert names
 * it) and in enforce (WardenBlockedException and no effect), against a policy that allows reading
 * {@code allowed/} and {@code readonly/} and writing only {@code allowed/}.
 */
@Execution(ExecutionMode.CONCURRENT)
class FileApiIT {
  private static final List<String> READ_PATHS =
      List.of(
          "FileInputStream",
          "FileInputStream-File",
          "FileReader",
          "RandomAccessFile-r",
          "Files.newInputStream",
          "Files.readAllBytes",
          "Files.readString",
          "Files.readAllLines",
          "Files.lines",
          "Files.newBufferedReader",
          "FileChannel.open-read",
          "AsynchronousFileChannel.open-read",
          "Files.newByteChannel-read");

  private static final List<String> WRITE_PATHS =
      List.of(
          "FileOutputStream",
          "FileOutputStream-append",
          "FileWriter",
          "RandomAccessFile-rw",
          "Files.write",
          "Files.writeString",
          "Files.newOutputStream",
          "Files.newBufferedWriter",
          "FileChannel.open-write",
          "AsynchronousFileChannel.open-write",
          "Files.newByteChannel-write",
          "File.createNewFile");

  @TempDir Path tempDir;

  static Stream<Arguments> readPaths() {
    return Cases.onEveryJdk(READ_PATHS);
  }

  static Stream<Arguments> writePaths() {
    return Cases.onEveryJdk(WRITE_PATHS);
  }

  static Stream<Arguments> changes() {
    return Cases.onEveryJdk(FsChange.ALL);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("readPaths")
  void monitorReadOfDeniedFileRunsAndAlerts(Jdk jdk, String api) {
    FileTree tree = FileTree.create(tempDir);
    RunResult run = run(jdk, tree, "monitor", api, tree.secret());
    run.assertOk();
    assertNotEquals("0", run.probe("bytes"), () -> "the read returned nothing" + run.describe());
    run.assertAlert("policy.file.read", "file", "read", "alerted", tree.secret().toString());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("readPaths")
  void enforceBlocksReadOfDeniedFile(Jdk jdk, String api) {
    FileTree tree = FileTree.create(tempDir);
    RunResult run = run(jdk, tree, "enforce", api, tree.secret());
    run.assertBlockedBy("policy.file.read");
    assertEquals(null, run.probe("bytes"), () -> "content was read" + run.describe());
    run.assertAlert("policy.file.read", "file", "read", "blocked", tree.secret().toString());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("readPaths")
  void enforceAllowsReadOfAllowedFile(Jdk jdk, String api) {
    FileTree tree = FileTree.create(tempDir);
    RunResult run = run(jdk, tree, "enforce", api, tree.allowedFile());
    run.assertOk();
    assertTrue(
        run.alerts(a -> tree.allowedFile().toString().equals(a.target())).isEmpty(),
        () -> "allowed read alerted" + run.describe());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("writePaths")
  void monitorWriteOfNewFileInReadOnlyDirRunsAndAlerts(Jdk jdk, String api) {
    FileTree tree = FileTree.create(tempDir);
    Path target = tree.readonly().resolve("new.txt");
    RunResult run = run(jdk, tree, "monitor", api, target);
    run.assertOk();
    assertTrue(Files.exists(target), () -> "file not created" + run.describe());
    run.assertAlert("policy.file.write", "file", "write", "alerted", target.toString());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("writePaths")
  void enforceBlocksWriteOfNewFileInReadOnlyDir(Jdk jdk, String api) {
    FileTree tree = FileTree.create(tempDir);
    Path target = tree.readonly().resolve("new.txt");
    RunResult run = run(jdk, tree, "enforce", api, target);
    run.assertBlockedBy("policy.file.write");
    assertFalse(Files.exists(target), () -> "blocked write created the file" + run.describe());
    run.assertAlert("policy.file.write", "file", "write", "blocked", target.toString());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("writePaths")
  void enforceBlocksOverwriteOfExistingFile(Jdk jdk, String api) {
    FileTree tree = FileTree.create(tempDir);
    RunResult run = run(jdk, tree, "enforce", api, tree.victim());
    run.assertBlockedBy("policy.file.write");
    assertEquals(
        FileTree.ORIGINAL, FileTree.read(tree.victim()), () -> "file changed" + run.describe());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("changes")
  void monitorFileSystemChangeRunsAndAlerts(Jdk jdk, FsChange change) {
    FileTree tree = FileTree.create(tempDir);
    RunResult run = run(jdk, tree, "monitor", change.api, change.args.apply(tree));
    run.assertOk();
    assertTrue(change.happened.test(tree), () -> "effect missing" + run.describe());
    Path expected = change.target.apply(tree);
    run.assertAlert(
        "policy.file.write",
        "file",
        change.operation,
        "alerted",
        t ->
            t != null
                && (t.equals(expected.toString())
                    || change.targetPrefix && t.startsWith(expected.toString())),
        expected.toString());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("changes")
  void enforceBlocksFileSystemChange(Jdk jdk, FsChange change) throws IOException {
    FileTree tree = FileTree.create(tempDir);
    List<Path> before = listing(tree.root());
    RunResult run = run(jdk, tree, "enforce", change.api, change.args.apply(tree));
    run.assertBlockedBy("policy.file.write");
    assertEquals(before, listing(tree.root()), () -> "the file tree changed" + run.describe());
    assertEquals(FileTree.ORIGINAL, FileTree.read(tree.victim()));
    Path expected = change.target.apply(tree);
    run.assertAlert(
        "policy.file.write",
        "file",
        change.operation,
        "blocked",
        t ->
            t != null
                && (t.equals(expected.toString())
                    || change.targetPrefix && t.startsWith(expected.toString())),
        expected.toString());
  }

  private static List<Path> listing(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(
              p ->
                  !p.getFileName()
                      .toString()
                      .matches("policy.json|alerts.jsonl|hosts|std(out|err).txt"))
          .sorted()
          .toList();
    }
  }

  private static RunResult run(Jdk jdk, FileTree tree, String mode, String api, Object... args) {
    return AgentRun.on(jdk, tree.root())
        .mode(mode)
        .policy(tree.policy(jdk))
        .workload(api, args)
        .run();
  }

  /** A change to the file system other than writing content: delete, rename, link, mkdir ... */
  record FsChange(
      String api,
      String operation,
      Function<FileTree, Object[]> args,
      Function<FileTree, Path> target,
      boolean targetPrefix,
      Predicate<FileTree> happened) {
    static final List<FsChange> ALL =
        List.of(
            new FsChange(
                "Files.delete",
                "delete",
                t -> a(t.victim()),
                FileTree::victim,
                false,
                t -> !Files.exists(t.victim())),
            new FsChange(
                "File.delete",
                "delete",
                t -> a(t.victim()),
                FileTree::victim,
                false,
                t -> !Files.exists(t.victim())),
            new FsChange(
                "Files.move",
                "rename",
                t -> a(t.victim(), t.allowed().resolve("moved.txt")),
                FileTree::victim,
                false,
                t -> Files.exists(t.allowed().resolve("moved.txt"))),
            new FsChange(
                "File.renameTo",
                "rename",
                t -> a(t.victim(), t.allowed().resolve("moved.txt")),
                FileTree::victim,
                false,
                t -> Files.exists(t.allowed().resolve("moved.txt"))),
            new FsChange(
                "Files.copy",
                "write",
                t -> a(t.allowedFile(), t.readonly().resolve("copy.txt")),
                t -> t.readonly().resolve("copy.txt"),
                false,
                t -> Files.exists(t.readonly().resolve("copy.txt"))),
            new FsChange(
                "Files.createLink",
                "link",
                t -> a(t.readonly().resolve("hard"), t.allowedFile()),
                t -> t.readonly().resolve("hard"),
                false,
                t -> Files.exists(t.readonly().resolve("hard"))),
            new FsChange(
                "Files.createSymbolicLink",
                "symlink",
                t -> a(t.readonly().resolve("sym"), t.allowedFile()),
                t -> t.readonly().resolve("sym"),
                false,
                t -> Files.exists(t.readonly().resolve("sym"), LinkOption.NOFOLLOW_LINKS)),
            new FsChange(
                "Files.createDirectory",
                "mkdir",
                t -> a(t.readonly().resolve("newdir")),
                t -> t.readonly().resolve("newdir"),
                false,
                t -> Files.isDirectory(t.readonly().resolve("newdir"))),
            new FsChange(
                "File.mkdir",
                "mkdir",
                t -> a(t.readonly().resolve("newdir")),
                t -> t.readonly().resolve("newdir"),
                false,
                t -> Files.isDirectory(t.readonly().resolve("newdir"))),
            new FsChange(
                "File.createTempFile",
                "write",
                t -> a(t.readonly()),
                t -> t.readonly().resolve("wdn"),
                true,
                t -> t.readonly().toFile().list().length == 2));

    private static Object[] a(Object... args) {
      return args;
    }

    @Override
    public String toString() {
      return api;
    }
  }
}
