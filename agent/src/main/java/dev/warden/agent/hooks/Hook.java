package dev.warden.agent.hooks;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * One piece of advice woven into the methods of one JDK class.
 *
 * @param targetClass the binary name of the JDK class holding the choke point (found by name, never
 *     by walking loaded classes)
 * @param methods which of its declared methods get the advice
 * @param advice the class holding the {@code @Advice} methods, inlined into the JDK class
 */
public record Hook(
    String targetClass, ElementMatcher<? super MethodDescription> methods, Class<?> advice) {}
