package dev.rosterd.c2s.transport.bosh;

import dev.rosterd.c2s.stream.StreamError;
import dev.rosterd.c2s.stream.StreamFraming;
import dev.rosterd.stanza.Element;
import dev.rosterd.stanza.Namespaces;
import java.util.List;

/**
 * XEP-0206's framing: there is no stream header on the wire (the session creation response and
 * each restart's response stand for it), features and errors are children of a {@code <body/>}
 * with their own {@code stream} prefix declaration, and the end of the stream is a {@code
 * type='terminate'} body, which the session writes when it is closed. One per session: it notes the
 * stream id and the stream error, which the session's responses carry as attributes.
 */
final class BoshFraming implements StreamFraming {
  private static final String STREAM_PREFIX = " xmlns:stream='" + Namespaces.STREAM + "'";

  private String streamId;
  private StreamError error;

  @Override
  public String open(String domain, String id, String lang) {
    streamId = id;
    return "";
  }

  @Override
  public String features(List<Element> features) {
    StringBuilder out = new StringBuilder("<stream:features").append(STREAM_PREFIX).append('>');
    for (Element f : features) {
      out.append(f.toXml(Namespaces.CLIENT));
    }
    return out.append("</stream:features>").toString();
  }

  @Override
  public String error(StreamError streamError) {
    error = streamError;
    return streamError.toXml().replaceFirst("^<stream:error>", "<stream:error" + STREAM_PREFIX + ">");
  }

  @Override
  public String close() {
    return "";
  }

  /** The id of the current stream ({@code authid} of the creation response), or null before the first. */
  String streamId() {
    return streamId;
  }

  /** The stream error the server ended the stream with, or null. */
  StreamError error() {
    return error;
  }
}
