package io.squidlens.parse;

import io.squidlens.base.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * The subset of strftime that Squid's {@code %tl}/{@code %tg} arguments use, compiled to a byte
 * matcher that yields epoch milliseconds without allocating.
 */
final class StrftimePattern {
  /** Squid's default for {@code %tl} and {@code %tg}. */
  static final String SQUID_DEFAULT = "%d/%b/%Y:%H:%M:%S %z";

  private static final String[] MONTHS = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
  };

  private static final String[] MONTH_NAMES = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december"
  };

  private final char[] items;
  private final String literals;

  private StrftimePattern(char[] items, String literals) {
    this.items = items;
    this.literals = literals;
  }

  /**
   * Compiles a strftime pattern. Items are conversion letters; {@code '\0'} stands for a literal
   * character taken in order from {@code literals}.
   *
   * @throws IllegalArgumentException for a conversion squidlens cannot read back
   */
  static StrftimePattern compile(String pattern) {
    List<Character> out = new ArrayList<>();
    StringBuilder lits = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c != '%') {
        out.add('\0');
        lits.append(c);
        continue;
      }
      Checks.requireArgument(i + 1 < pattern.length(), "time format ends with a lone %%");
      char conv = pattern.charAt(++i);
      switch (conv) {
        case 'T' -> expand(out, lits, "%H:%M:%S");
        case 'F' -> expand(out, lits, "%Y-%m-%d");
        case 'D' -> expand(out, lits, "%m/%d/%y");
        case '%' -> {
          out.add('\0');
          lits.append('%');
        }
        case 'd', 'e', 'b', 'h', 'B', 'm', 'Y', 'y', 'H', 'M', 'S', 'z', 'Z', 's', 'a', 'A', 'j' ->
            out.add(conv);
        default ->
            throw new IllegalArgumentException(
                "unsupported strftime conversion %" + conv + " in time format " + pattern);
      }
    }
    char[] items = new char[out.size()];
    for (int i = 0; i < items.length; i++) {
      items[i] = out.get(i);
    }
    return new StrftimePattern(items, lits.toString());
  }

  private static void expand(List<Character> out, StringBuilder lits, String pattern) {
    StrftimePattern inner = compile(pattern);
    int lit = 0;
    for (char c : inner.items) {
      out.add(c);
      if (c == '\0') {
        lits.append(inner.literals.charAt(lit++));
      }
    }
  }

  /** Parses {@code [s, e)}; returns epoch milliseconds, or {@code Long.MIN_VALUE} if invalid. */
  long parse(byte[] b, int s, int e) {
    int p = s;
    int lit = 0;
    long year = 1970;
    int month = 1;
    int day = 1;
    int hour = 0;
    int minute = 0;
    int second = 0;
    int offsetMinutes = 0;
    long epochSeconds = Long.MIN_VALUE;
    for (char item : items) {
      if (item == '\0') {
        char want = literals.charAt(lit++);
        if (want == ' ') {
          int q = Lines.skipSpaces(b, p, e);
          if (q == p) {
            return Long.MIN_VALUE;
          }
          p = q;
        } else if (p < e && b[p] == want) {
          p++;
        } else {
          return Long.MIN_VALUE;
        }
        continue;
      }
      if (item == 'b' || item == 'h' || item == 'B') {
        int q = letters(b, p, e);
        int m = monthOf(b, p, q);
        if (m < 0) {
          return Long.MIN_VALUE;
        }
        month = m + 1;
        p = q;
      } else if (item == 'a' || item == 'A' || item == 'Z') {
        int q = letters(b, p, e);
        if (q == p) {
          return Long.MIN_VALUE;
        }
        p = q;
      } else if (item == 'z') {
        int q = offset(b, p, e);
        if (q < 0) {
          return Long.MIN_VALUE;
        }
        offsetMinutes = offsetMinutes(b, p, q);
        p = q;
      } else {
        if (item == 'e' || item == 'd') {
          p = Lines.skipSpaces(b, p, e);
        }
        int max = item == 'Y' ? 4 : item == 's' ? 12 : item == 'j' ? 3 : 2;
        int q = p;
        while (q < e && q - p < max && Lines.isDigit(b[q])) {
          q++;
        }
        long v = Numbers.parseUnsigned(b, p, q);
        if (v < 0) {
          return Long.MIN_VALUE;
        }
        switch (item) {
          case 'd', 'e' -> day = (int) v;
          case 'm' -> month = (int) v;
          case 'H' -> hour = (int) v;
          case 'M' -> minute = (int) v;
          case 'S' -> second = (int) v;
          case 'y' -> year = v < 69 ? 2000 + v : 1900 + v;
          case 'Y' -> year = v;
          case 's' -> epochSeconds = v;
          default -> {}
        }
        p = q;
      }
    }
    if (p != e) {
      return Long.MIN_VALUE;
    }
    if (epochSeconds != Long.MIN_VALUE) {
      return epochSeconds * 1000;
    }
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) {
      return Long.MIN_VALUE;
    }
    long days = daysFromCivil(year, month, day);
    long seconds = days * 86400 + hour * 3600L + minute * 60L + second - offsetMinutes * 60L;
    return seconds * 1000;
  }

  private static int offsetMinutes(byte[] b, int p, int q) {
    if (b[p] == 'Z') {
      return 0;
    }
    int value = 0;
    for (int i = p + 1; i < q; i++) {
      if (b[i] != ':') {
        value = value * 10 + (b[i] - '0');
      }
    }
    int minutes = (value / 100) * 60 + value % 100;
    return b[p] == '-' ? -minutes : minutes;
  }

  private static int letters(byte[] b, int p, int e) {
    int q = p;
    while (q < e && ((b[q] | 0x20) >= 'a' && (b[q] | 0x20) <= 'z')) {
      q++;
    }
    return q;
  }

  /** Parses {@code Z}, {@code +hhmm} or {@code +hh:mm} into minutes; returns the end or -1. */
  private static int offset(byte[] b, int p, int e) {
    if (p < e && b[p] == 'Z') {
      return p + 1;
    }
    if (p >= e || (b[p] != '+' && b[p] != '-')) {
      return -1;
    }
    int q = p + 1;
    int digits = 0;
    while (q < e && (Lines.isDigit(b[q]) || b[q] == ':') && digits < 4) {
      if (b[q] != ':') {
        digits++;
      }
      q++;
    }
    return digits == 4 ? q : -1;
  }

  private static int monthOf(byte[] b, int s, int e) {
    int len = e - s;
    String[] table = len == 3 ? MONTHS : MONTH_NAMES;
    for (int m = 0; m < 12; m++) {
      String name = table[m];
      if (name.length() != len) {
        continue;
      }
      boolean match = true;
      for (int k = 0; k < len && match; k++) {
        match = (b[s + k] | 0x20) == name.charAt(k);
      }
      if (match) {
        return m;
      }
    }
    return -1;
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant, "chrono-Compatible"). */
  static long daysFromCivil(long year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
  }
}
