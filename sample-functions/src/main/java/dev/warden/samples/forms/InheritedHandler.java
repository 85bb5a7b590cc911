package dev.warden.samples.forms;

/**
 * Handler setting {@code dev.warden.samples.forms.InheritedHandler::handle}: the method is
 * inherited.
 */
public class InheritedHandler extends BaseHandler {}
