#include <catch2/catch.hpp>
#include <cctype>
#include <string>
#include <vector>

#include "core/ascii.hpp"
#include "core/folded_ids.hpp"

namespace {

// Ids held by the caller, as FoldedIndex wants them: the number is the index in `ids`.
struct Ids {
  std::vector<std::string> ids;
  comreg::FoldedIndex index;
  std::string_view operator()(std::uint32_t n) const { return ids[n]; }
  std::pair<std::uint32_t, bool> add(std::string id) {
    ids.push_back(std::move(id));
    const auto result = index.insert(ids.back(), static_cast<std::uint32_t>(ids.size() - 1), *this);
    if (!result.second) ids.pop_back();
    return result;
  }
  std::uint32_t find(std::string_view id) const { return index.find(id, *this); }
};

}  // namespace

TEST_CASE("FoldedIndex: ids equal but for ASCII case are one id", "[basics]") {
  Ids ids;
  CHECK(ids.add("CLSID\\{ABC}") == std::pair<std::uint32_t, bool>{0, true});
  CHECK(ids.add("clsid\\{abc}") == std::pair<std::uint32_t, bool>{0, false});
  CHECK(ids.add("CLSID\\{ABC}\\InprocServer32") == std::pair<std::uint32_t, bool>{1, true});
  CHECK(ids.find("Clsid\\{aBc}") == 0);
  CHECK(ids.find("CLSID\\{ABC}\\inprocserver32") == 1);
  CHECK(ids.find("CLSID\\{ABC}\\") == comreg::FoldedIndex::none);
  CHECK(ids.find("CLSID") == comreg::FoldedIndex::none);
  CHECK(ids.find("") == comreg::FoldedIndex::none);
  // Only A-Z fold, as the rest of comreg compares: other bytes are compared as they are.
  CHECK(ids.add("Caf\xC3\xA9").second);
  CHECK(ids.add("CAF\xC3\x89").second);
  CHECK(ids.find("cAF\xC3\xA9") == 2);
  // Bytes that differ only in their 0x20 bit but are not letters hash alike, and stay apart.
  CHECK(ids.add("CLSID|{ABC}") == std::pair<std::uint32_t, bool>{4, true});
  CHECK(ids.add("@[]^_") == std::pair<std::uint32_t, bool>{5, true});
  CHECK(ids.add("`{}~\x7F") == std::pair<std::uint32_t, bool>{6, true});
  CHECK(ids.find("clsid|{abc}") == 4);
  CHECK(ids.find("CLSID\\{abc}") == 0);
  CHECK(ids.find("`{}~\x7F") == 6);
  CHECK(ids.find("@[]^_") == 5);
}

TEST_CASE("FoldedIndex: only A-Z fold into the hash", "[basics]") {
  // Ids that compare equal hash alike; bytes that differ only in their 0x20 bit and are not
  // letters must not: names made of them would all fall into one probe chain, and a hostile
  // record or hive could hold thousands.
  using comreg::FoldedIndex;
  CHECK(FoldedIndex::hash("CLSID\\{ABCDEF}\\InprocServer32") ==
        FoldedIndex::hash("clsid\\{abcdef}\\inprocserver32"));
  const std::string base = "Key\\@@@@@@@@@@@@@@@@\\[[[[[[[[[[^^^^";
  std::size_t same = 0;
  for (std::size_t at = 0; at < base.size(); ++at) {
    std::string other = base;
    other[at] = static_cast<char>(other[at] ^ 0x20);
    const bool letter = std::isalpha(static_cast<unsigned char>(base[at])) != 0;
    if (letter) {
      CHECK(FoldedIndex::hash(other) == FoldedIndex::hash(base));
    } else {
      same += FoldedIndex::hash(other) == FoldedIndex::hash(base) ? 1 : 0;
    }
  }
  CHECK(same == 0);
}

TEST_CASE("FoldedIndex: grows from nothing and finds every id it holds", "[basics]") {
  Ids ids;
  constexpr std::uint32_t count = 100000;  // 14 doublings from the first 16 slots
  for (std::uint32_t i = 0; i < count; ++i) {
    REQUIRE(ids.add("CLSID\\{" + std::to_string(i * 7919u) + "}").second);
  }
  std::uint32_t found = 0, refused = 0;
  for (std::uint32_t i = 0; i < count; ++i) {
    std::string upper = "clsid\\{" + std::to_string(i * 7919u) + "}";
    found += ids.find(upper) == i ? 1u : 0u;
    refused += ids.find(upper + "x") == comreg::FoldedIndex::none ? 1u : 0u;
  }
  CHECK(found == count);
  CHECK(refused == count);
  CHECK_FALSE(ids.add("CLSID\\{0}").second);
  CHECK(ids.ids.size() == count);
  // Ordinary ids never come near the probe bound, so the hash stays the same in every run.
  CHECK(ids.index.reseeds() == 0);
  CHECK(ids.index.longest_probe() < 64);
}

TEST_CASE("FoldedIndex: ids made to share a probe chain are hashed again under a random seed",
          "[basics]") {
  // The hash with seed 0 is public: a hive or record can hold names chosen so that their
  // hashes share the low bits, all in one probe chain, every insert and lookup walking it
  // (quadratic). 1,500 such ids, found by trying names against the 4,096-slot table's mask.
  Ids ids;
  ids.index = comreg::FoldedIndex(2048);  // 4,096 slots: no growth below 2,048 ids
  constexpr std::uint32_t mask = 4095;
  const std::uint32_t target = comreg::FoldedIndex::hash("CLSID\\{seed}") & mask;
  std::vector<std::string> crafted;
  std::string name;
  for (std::uint64_t n = 0; crafted.size() < 1500; ++n) {
    name = "CLSID\\{" + std::to_string(n) + "}";
    if ((comreg::FoldedIndex::hash(name) & mask) == target) crafted.push_back(name);
  }
  for (const auto& id : crafted) REQUIRE(ids.add(id).second);
  CHECK(ids.index.reseeds() >= 1);
  CHECK(ids.index.longest_probe() <= 128);  // about 1,500 without the new seed
  std::size_t found = 0, refused = 0;
  for (std::uint32_t i = 0; i < crafted.size(); ++i) {
    std::string upper = crafted[i];
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    found += ids.find(upper) == i ? 1u : 0u;
    refused += ids.find(crafted[i] + "x") == comreg::FoldedIndex::none ? 1u : 0u;
  }
  CHECK(found == crafted.size());
  CHECK(refused == crafted.size());
  CHECK_FALSE(ids.add(crafted.front()).second);  // held once, under any seed

  // The same ids into a table that grows from 16 slots: the chains they make at every size
  // (and any a growth's rehash makes) end the same way.
  Ids growing;
  for (const auto& id : crafted) REQUIRE(growing.add(id).second);
  CHECK(growing.index.reseeds() >= 1);
  CHECK(growing.index.longest_probe() <= 128);
  std::size_t found_growing = 0;
  for (std::uint32_t i = 0; i < crafted.size(); ++i) {
    found_growing += growing.find(crafted[i]) == i ? 1u : 0u;
  }
  CHECK(found_growing == crafted.size());
}

TEST_CASE("FoldedIndex: every spelling of ids of every length up to 24 is found", "[basics]") {
  // The hash takes eight bytes a step and the tail as a zero-padded word: ids of every length
  // across the steps, stored in one spelling and looked up in others, must be found; an id
  // and the same id with NUL bytes after it are different ids.
  Ids ids;
  std::vector<std::string> stored;
  for (std::size_t length = 0; length <= 24; ++length) {
    std::string id;
    for (std::size_t i = 0; i < length; ++i) {
      id.push_back(static_cast<char>((i % 3 == 0 ? 'A' : 'a') + (i * 5 + length) % 26));
    }
    REQUIRE(ids.add(id).second);
    stored.push_back(id);
  }
  for (std::size_t length = 0; length <= 24; ++length) {
    std::string lower = stored[length];
    std::string upper = stored[length];
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    CHECK(ids.find(lower) == length);
    CHECK(ids.find(upper) == length);
    CHECK(ids.find(stored[length] + std::string(1, '\0')) == comreg::FoldedIndex::none);
  }
  CHECK(ids.add(std::string("ab\0", 3)).second);
  CHECK(ids.add(std::string("ab\0\0", 4)).second);
  CHECK(ids.find(std::string("AB\0", 3)) == 25);
}

TEST_CASE("FoldedSet: folded ids found by views, under the process's seed", "[basics]") {
  // The seed is drawn once per process: equal ids hash alike within it, and a set of them
  // finds each by a view without a copy.
  comreg::FoldedSet set;
  for (int i = 0; i < 5000; ++i) set.insert("clsid\\{" + std::to_string(i) + "}");
  CHECK(comreg::FoldedHash{}("clsid\\{7}") == comreg::FoldedHash{}(std::string("clsid\\{7}")));
  std::size_t found = 0;
  for (int i = 0; i < 5000; ++i) {
    const std::string id = "clsid\\{" + std::to_string(i) + "}";
    found += set.count(std::string_view(id)) + set.count(std::string_view(id + "x"));
  }
  CHECK(found == 5000);
  comreg::FoldedMap<int> map;
  map["interface\\{a}"] = 1;
  CHECK(map.find(std::string_view("interface\\{a}")) != map.end());
  CHECK(map.find(std::string_view("interface\\{b}")) == map.end());
}

TEST_CASE("PackedFoldedIds: ids made of parts, kept once whatever their case", "[basics]") {
  comreg::PackedFoldedIds ids;
  CHECK(ids.add({"CLSID\\{A}", "\t", "ThreadingModel"}) == std::pair<std::uint32_t, bool>{0, true});
  CHECK(ids.add({"clsid\\{a}\tthreadingmodel"}) == std::pair<std::uint32_t, bool>{0, false});
  CHECK(ids.add({"CLSID\\{A}"}) == std::pair<std::uint32_t, bool>{1, true});
  CHECK(ids.add({"CLSID\\{A}", "\t", ""}) == std::pair<std::uint32_t, bool>{2, true});
  CHECK(ids.find("CLSID\\{a}\tThreadingModel") == 0);
  CHECK(ids.find("CLSID\\{A}\t") == 2);
  CHECK(ids.find("CLSID\\{A}\tOther") == comreg::FoldedIndex::none);
  // A refused duplicate leaves no bytes behind: the next id is kept whole under its own number.
  CHECK(ids(1) == "CLSID\\{A}");
  CHECK(ids.add({"Interface\\{B}"}) == std::pair<std::uint32_t, bool>{3, true});
  CHECK(ids(3) == "Interface\\{B}");
  CHECK(ids(0) == "CLSID\\{A}\tThreadingModel");
}

TEST_CASE("iequals: a word at a time, the same answer as a byte at a time", "[basics]") {
  // Every pair of bytes at every place of a 17-byte name (two words and a tail): only A-Z and
  // a-z pairs of the same letter are equal apart; '@', '[', '`', '{' and bytes of UTF-8 are not
  // folded.
  const auto fold = [](unsigned char c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; };
  std::size_t mismatches = 0;
  std::size_t equal_apart = 0;
  for (std::size_t at = 0; at < 17; ++at) {
    std::string a(17, 'q');
    std::string b(17, 'Q');
    for (int x = 0; x < 256; ++x) {
      for (int y = 0; y < 256; ++y) {
        a[at] = static_cast<char>(x);
        b[at] = static_cast<char>(y);
        const bool expected =
            fold(static_cast<unsigned char>(x)) == fold(static_cast<unsigned char>(y));
        if (comreg::text::iequals(a, b) != expected) ++mismatches;
        if (expected && x != y) ++equal_apart;
      }
    }
  }
  CHECK(mismatches == 0);
  CHECK(equal_apart == 17 * 52);  // 26 letters, each way round
  // fold_case, a word at a time too: every byte at every place, against the byte-at-a-time fold.
  std::size_t wrong_folds = 0;
  for (std::size_t at = 0; at < 17; ++at) {
    for (int x = 0; x < 256; ++x) {
      std::string name = "AbCdEfGhIjKlMnOpQ";
      name[at] = static_cast<char>(x);
      std::string expected = name;
      for (char& c : expected) c = static_cast<char>(fold(static_cast<unsigned char>(c)));
      if (comreg::text::fold_case(name) != expected) ++wrong_folds;
    }
  }
  CHECK(wrong_folds == 0);
  CHECK(comreg::text::fold_case("HKEY_CLASSES_ROOT\\CLSID\\{ABC}") ==
        "hkey_classes_root\\clsid\\{abc}");
  CHECK_FALSE(comreg::text::iequals("abc", "abcd"));
  CHECK(comreg::text::iequals("", ""));
}
