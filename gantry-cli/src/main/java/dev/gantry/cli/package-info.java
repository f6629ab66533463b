/**
 * The {@code gantry} command line: picocli subcommands that parse options and call the same library
 * APIs the server uses.
 */
package dev.gantry.cli;
