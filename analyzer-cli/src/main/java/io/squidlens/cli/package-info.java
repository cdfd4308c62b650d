/**
 * The squidlens command line: picocli commands over {@link io.squidlens.Analyzer}. {@link
 * io.squidlens.cli.Main} maps failures to the documented exit codes.
 */
package io.squidlens.cli;
