// Reading a journal file (the writing side is public: write_journal_file).
#pragma once

#include <string>

namespace comreg {

enum class JournalRead { absent, read, failed };

/// The file's bytes; `absent` when there is no such file, `failed` with `error` set.
[[nodiscard]] JournalRead read_journal_file(const std::string& path, std::string& bytes,
                                            std::string& error);

}  // namespace comreg
