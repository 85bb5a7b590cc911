package dev.warden.agent.cli;

import dev.warden.handler.event.MiniJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Event files, all read and checked to be JSON (as Lambda's Invoke requires) before any run. */
final class EventFiles {
  private static final Pattern OFFSET = Pattern.compile("at offset (\\d+): (.*)");

  /** One event: where it came from and its text. */
  record Event(Path file, String json) {}

  private EventFiles() {}

  static List<Event> read(List<Path> files) throws CliFailure {
    List<Event> events = new ArrayList<>();
    for (Path file : files) {
      events.add(read(file));
    }
    return events;
  }

  /** Every {@code *.json} directly in the folder, by name. */
  static List<Event> readFolder(Path directory) throws CliFailure {
    if (!Files.isDirectory(directory)) {
      throw new CliFailure("--events " + directory + ": not a folder of event files");
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(directory)) {
      files =
          list.filter(p -> p.getFileName().toString().endsWith(".json"))
              .filter(Files::isRegularFile)
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new CliFailure("--events " + directory + ": cannot list it: " + e.getMessage());
    }
    if (files.isEmpty()) {
      throw new CliFailure("--events " + directory + ": holds no *.json event file");
    }
    return read(files);
  }

  static Event read(Path file) throws CliFailure {
    if (Files.isDirectory(file)) {
      throw new CliFailure(file + ": cannot read the event file: it is a directory");
    }
    if (!Files.exists(file)) {
      throw new CliFailure(file + ": cannot read the event file: it does not exist");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
              .toString();
    } catch (CharacterCodingException e) {
      throw new CliFailure(file + ": the event is not valid UTF-8");
    } catch (IOException | SecurityException e) {
      throw new CliFailure(file + ": cannot read the event file: " + e);
    }
    if (text.isBlank()) {
      throw new CliFailure(file + ": the event file is empty; an event is a JSON document");
    }
    try {
      MiniJson.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CliFailure(position(file, text, e.getMessage()) + " (events must be JSON)");
    }
    return new Event(file, text);
  }

  /** {@code FILE:LINE:COLUMN: bad JSON: what}, from the parser's character offset. */
  static String position(Path file, String text, String parserMessage) {
    Matcher m = OFFSET.matcher(parserMessage == null ? "" : parserMessage);
    if (!m.find()) {
      return file + ": bad JSON: " + parserMessage;
    }
    int offset = Math.min(Integer.parseInt(m.group(1)), text.length());
    int line = 1;
    int column = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return file + ":" + line + ":" + column + ": bad JSON: " + m.group(2);
  }
}
