package dev.warden.agent.model;

/** What was done to the resource: the contract's {@code warden.operation}. */
public enum Operation {
  EXEC("exec", Category.PROCESS),
  READ("read", Category.FILE),
  WRITE("write", Category.FILE),
  DELETE("delete", Category.FILE),
  RENAME("rename", Category.FILE),
  LINK("link", Category.FILE),
  SYMLINK("symlink", Category.FILE),
  MKDIR("mkdir", Category.FILE),
  CONNECT("connect", Category.NETWORK),
  SEND("send", Category.NETWORK),
  BIND("bind", Category.NETWORK),
  RESOLVE("resolve", Category.DNS),
  LOAD("load", Category.LIBRARY);

  private final String key;
  private final Category category;

  Operation(String key, Category category) {
    this.key = key;
    this.category = category;
  }

  /** The value written in alerts. */
  public String key() {
    return key;
  }

  public Category category() {
    return category;
  }

  /** True for file operations that change the file system (judged against {@code file.write}). */
  public boolean writes() {
    return category == Category.FILE && this != READ;
  }
}
