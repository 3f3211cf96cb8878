#pragma once
// Internal to core/annotate: locale-independent number parsing and printing for the label file
// formats (Qt sets the C locale from the environment, so strtod/printf could read "1,5").
// Pure functions; any thread.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace emo {

/// Parses a whole string (surrounding blanks allowed) as a finite decimal number; nullopt otherwise.
std::optional<double> parseNumber(std::string_view text);
/// Seconds with up to 6 decimals, trailing zeros dropped ("1.5", "0", "2.123457").
std::string formatSeconds(double seconds);
/// Seconds with exactly 6 decimals, as Audacity writes them ("1.500000").
std::string formatFixed6(double seconds);
/// Splits text into lines, accepting LF, CRLF and lone CR endings.
std::vector<std::string> splitLines(std::string_view text);

}  // namespace emo
