/** Typed events and the bus that delivers them to subscribers (metrics, audit, alerts). */
package dev.gantry.core.events;
