#pragma once
// Internal to core/annotate: label files arrive as UTF-8 (optionally with a BOM) or, from Praat,
// as UTF-16 with a BOM. Pure function; any thread.
#include <string>

#include "core/common/Result.h"

namespace emo {

/// UTF-8 text without BOM; UTF-16 LE/BE (with BOM) converted; broken UTF-16 is an error.
Result<std::string> decodeTextToUtf8(const std::string& bytes);

}  // namespace emo
