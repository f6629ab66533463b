/**
 * The dashboard at {@code /ui}: key login with a session cookie, the JSON its panels read, and the
 * static page, script and style sheet it is made of (charts are plain SVG drawn by the page's own
 * script; nothing is loaded from elsewhere).
 */
package dev.gantry.gateway.ui;
