/**
 * The invocation lifecycle: handler resolution from {@code _HANDLER}, event inspection, the
 * invocation span with FaaS attributes, flush. Built by the Lambda integration work (issue 3); the
 * agent core already exposes what it needs ({@code InvocationScope}, the alert pipeline's
 * listeners).
 */
package dev.warden.handler;
