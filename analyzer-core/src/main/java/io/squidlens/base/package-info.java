/**
 * What every squidlens package may depend on and nothing else: the two kinds of failure a user can
 * act on ({@link io.squidlens.base.BadValueException}, a value they gave that cannot be used, and
 * {@link io.squidlens.base.InputException}, an input that cannot be read), so the command line maps
 * each to its exit code by type; the names of the user's options ({@link
 * io.squidlens.base.Option}), which each front end spells its own way; guards, byte primitives and
 * line references. An {@code IllegalArgumentException} from here on means a broken invariant in
 * squidlens itself, never a user's mistake.
 */
package io.squidlens.base;
