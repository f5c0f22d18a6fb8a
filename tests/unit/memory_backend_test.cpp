// MemoryBackend: the registry semantics the other backends are held to.
#include <catch2/catch.hpp>
#include <cctype>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "comreg/store/memory_backend.hpp"

using comreg::BackendErrc;
using comreg::MemoryBackend;
using comreg::RegValue;

TEST_CASE("MemoryBackend: keys are created with their parents and compare case-insensitively",
          "[backend]") {
  MemoryBackend r;
  REQUIRE(r.create_key("HKEY_CURRENT_USER\\Software\\Classes\\CLSID\\{X}").ok());
  CHECK(r.key_exists("hkey_current_user\\software\\classes\\clsid\\{x}"));
  CHECK(r.key_exists("HKEY_CURRENT_USER\\Software"));
  CHECK_FALSE(r.key_exists("HKEY_CURRENT_USER\\Software\\Other"));
  REQUIRE(r.create_key("HKEY_CURRENT_USER\\SOFTWARE\\classes\\CLSID\\{Y}").ok());
  // The first spelling is kept.
  CHECK(r.subkeys("HKEY_CURRENT_USER") == std::vector<std::string>{"Software"});
  CHECK(r.subkeys("HKEY_CURRENT_USER\\Software\\Classes\\CLSID") ==
        std::vector<std::string>{"{X}", "{Y}"});
  CHECK(r.create_key("K\\" + std::string(256, 'a')).code == BackendErrc::io);
}

TEST_CASE("MemoryBackend: values, default value and absence", "[backend]") {
  MemoryBackend r;
  CHECK(r.set_value("K", "", RegValue::sz("x")).code == BackendErrc::not_found);
  REQUIRE(r.create_key("K").ok());
  REQUIRE(r.set_value("K", "", RegValue::sz("default")).ok());
  REQUIRE(r.set_value("K", "ThreadingModel", RegValue::sz("Both")).ok());
  REQUIRE(r.set_value("k", "threadingmodel", RegValue::sz("Apartment")).ok());
  CHECK(r.get_value("K", "") == RegValue::sz("default"));
  CHECK(r.get_value("K", "THREADINGMODEL") == RegValue::sz("Apartment"));
  CHECK(r.value_names("K") == std::vector<std::string>{"", "ThreadingModel"});
  CHECK_FALSE(r.get_value("K", "missing"));
  CHECK_FALSE(r.get_value("Missing", ""));
  REQUIRE(r.delete_value("K", "threadingModel").ok());
  CHECK_FALSE(r.get_value("K", "ThreadingModel"));
  CHECK(r.delete_value("K", "never there").ok());
  CHECK(r.delete_value("Missing", "x").ok());
}

TEST_CASE("MemoryBackend: delete_tree removes a whole subtree and nothing else", "[backend]") {
  MemoryBackend r;
  REQUIRE(r.create_key("A\\B\\C").ok());
  REQUIRE(r.create_key("A\\D").ok());
  REQUIRE(r.set_value("A\\B\\C", "v", RegValue::dword(1)).ok());
  REQUIRE(r.delete_tree("a\\b").ok());
  CHECK_FALSE(r.key_exists("A\\B"));
  CHECK(r.key_exists("A\\D"));
  CHECK(r.delete_tree("A\\Nope\\Deeper").ok());
  CHECK(r.delete_tree("").code == BackendErrc::unsupported);
  CHECK(r.delete_tree("\\\\").code == BackendErrc::unsupported);
  REQUIRE(r.create_key("T\\U").ok());
  REQUIRE(r.delete_tree("T\\U\\").ok());
  CHECK_FALSE(r.key_exists("T\\U"));
  CHECK(r.key_exists("T"));
}

TEST_CASE("MemoryBackend: each call finds its own key whatever the call before it looked up",
          "[backend]") {
  // A walk starts from the keys the last path shares with it: names that only begin alike,
  // other spellings, empty names and deleted trees must not lead it astray.
  MemoryBackend r;
  REQUIRE(r.create_key("A\\B\\C").ok());
  REQUIRE(r.set_value("A\\B\\C", "v", RegValue::dword(1)).ok());
  CHECK(r.key_exists("A\\B\\C"));
  CHECK_FALSE(r.key_exists("A\\B\\CD"));
  CHECK_FALSE(r.key_exists("A\\BX\\C"));
  CHECK(r.key_exists("a\\b"));
  CHECK(r.key_exists("A\\\\b\\\\c\\"));
  REQUIRE(r.create_key("A\\BX\\C").ok());
  REQUIRE(r.set_value("A\\BX\\C", "v", RegValue::dword(2)).ok());
  CHECK(r.get_value("A\\B\\C", "v") == RegValue::dword(1));
  CHECK(r.get_value("a\\bx\\c", "V") == RegValue::dword(2));
  CHECK(r.get_value("A\\B\\C", "v") == RegValue::dword(1));
  CHECK(r.subkeys("A") == std::vector<std::string>{"B", "BX"});
  CHECK(r.key_exists("A\\B\\C"));
  REQUIRE(r.delete_tree("A\\B").ok());
  CHECK_FALSE(r.key_exists("A\\B\\C"));
  CHECK(r.set_value("A\\B\\C", "v", RegValue::dword(3)).code == BackendErrc::not_found);
  REQUIRE(r.create_key("A\\B\\C").ok());
  CHECK_FALSE(r.get_value("A\\B\\C", "v"));
  CHECK(r.get_value("A\\BX\\C", "v") == RegValue::dword(2));
  MemoryBackend copy = r;
  CHECK(copy.key_exists("A\\B\\C"));
  REQUIRE(r.delete_tree("A").ok());
  CHECK_FALSE(r.key_exists("A\\B\\C"));
  CHECK(copy.key_exists("A\\B\\C"));
  copy = r;
  CHECK_FALSE(copy.key_exists("A\\B\\C"));
}

// Lookups start from the keys the last path named: each case below follows a lookup whose
// keys a wrong reuse would take.
TEST_CASE("MemoryBackend: a lookup after another one finds what a walk from the root finds",
          "[backend]") {
  MemoryBackend r;
  REQUIRE(r.create_key("R\\CLSID\\{1}\\InprocServer32").ok());
  REQUIRE(r.create_key("R\\CLSIDX").ok());
  REQUIRE(r.set_value("R\\CLSIDX", "v", RegValue::dword(2)).ok());
  REQUIRE(r.set_value("R\\CLSID", "v", RegValue::dword(1)).ok());
  // A name that the last path's name starts with, and one that starts with the last name.
  CHECK(r.key_exists("R\\CLSID\\{1}\\InprocServer32"));
  CHECK(r.get_value("R\\CLSIDX", "v") == RegValue::dword(2));
  CHECK(r.get_value("R\\CLSID", "v") == RegValue::dword(1));
  CHECK_FALSE(r.key_exists("R\\CLSI"));
  CHECK(r.get_value("R\\CLSIDX", "v") == RegValue::dword(2));
  // Another spelling of the same keys, empty names, a parent, then a deeper key again.
  CHECK(r.key_exists("r\\clsid\\{1}"));
  CHECK(r.key_exists("R\\\\CLSID\\{1}\\"));
  CHECK(r.key_exists("R"));
  CHECK(r.subkeys("R\\CLSID\\{1}") == std::vector<std::string>{"InprocServer32"});
  // A key that is missing, then created below the keys that were found.
  CHECK_FALSE(r.key_exists("R\\CLSID\\{2}\\LocalServer32"));
  REQUIRE(r.create_key("R\\CLSID\\{2}\\LocalServer32").ok());
  CHECK(r.key_exists("R\\CLSID\\{2}\\LocalServer32"));
  CHECK(r.subkeys("R\\CLSID") == std::vector<std::string>{"{1}", "{2}"});
  // Keys deleted after they were looked up are gone, and can be made again.
  REQUIRE(r.delete_tree("R\\CLSID\\{2}").ok());
  CHECK_FALSE(r.key_exists("R\\CLSID\\{2}\\LocalServer32"));
  CHECK_FALSE(r.set_value("R\\CLSID\\{2}", "v", RegValue::dword(3)).ok());
  REQUIRE(r.create_key("R\\CLSID\\{2}").ok());
  CHECK(r.subkeys("R\\CLSID\\{2}").empty());
  // A copy assigned over it does not keep the old tree's keys.
  CHECK(r.key_exists("R\\CLSID\\{1}\\InprocServer32"));
  r = MemoryBackend();
  CHECK_FALSE(r.key_exists("R\\CLSID\\{1}\\InprocServer32"));
  CHECK_FALSE(r.key_exists("R"));
}

TEST_CASE("MemoryBackend: the same path asked again answers as a walk from the root", "[backend]") {
  // A path asked again, byte for byte, answers from the last walk: only while that walk found
  // its key, and not across a delete or a failed walk in between.
  MemoryBackend r;
  REQUIRE(r.create_key("A\\B\\C").ok());
  REQUIRE(r.set_value("A\\B\\C", "v", RegValue::dword(1)).ok());
  CHECK(r.get_value("A\\B\\C", "v") == RegValue::dword(1));
  CHECK(r.key_exists("A\\"));
  CHECK_FALSE(r.key_exists("A\\B\\X"));  // fails below B
  // delete_tree walks to the parent as "A\\", the path found before the failure.
  REQUIRE(r.delete_tree("A\\B").ok());
  CHECK_FALSE(r.key_exists("A\\B\\X"));
  CHECK_FALSE(r.key_exists("A\\B"));
  CHECK_FALSE(r.key_exists("A\\B\\C"));
  CHECK_FALSE(r.get_value("A\\B\\C", "v"));
  CHECK(r.key_exists("A"));
  // A path not found, then created: the next ask finds it.
  CHECK_FALSE(r.key_exists("A\\D"));
  CHECK(r.set_value("A\\D", "w", RegValue::dword(2)).code == BackendErrc::not_found);
  REQUIRE(r.create_key("A\\D").ok());
  REQUIRE(r.set_value("A\\D", "w", RegValue::dword(2)).ok());
  CHECK(r.get_value("A\\D", "w") == RegValue::dword(2));
  // A key deleted right after it was found.
  REQUIRE(r.delete_tree("A\\D").ok());
  CHECK_FALSE(r.key_exists("A\\D"));
  CHECK_FALSE(r.get_value("A\\D", "w"));
  REQUIRE(r.create_key("A\\D\\E").ok());
  CHECK(r.subkeys("A\\D") == std::vector<std::string>{"E"});
  CHECK(r.value_names("A\\D").empty());
  // A copy answers from its own tree, and the store assigned over answers from the new one.
  MemoryBackend copy = r;
  REQUIRE(copy.delete_tree("A\\D").ok());
  CHECK(r.key_exists("A\\D\\E"));
  CHECK_FALSE(copy.key_exists("A\\D\\E"));
  r = copy;
  CHECK_FALSE(r.key_exists("A\\D\\E"));
}

TEST_CASE("MemoryBackend: dump, copies and equality", "[backend]") {
  MemoryBackend r;
  REQUIRE(r.create_key("K\\Sub").ok());
  REQUIRE(r.set_value("K", "", RegValue::sz("C:\\x.dll")).ok());
  REQUIRE(r.set_value("K\\Sub", "n", RegValue::dword(11)).ok());
  CHECK(r.dump() == "[K]\n  @ REG_SZ \"C:\\\\x.dll\"\n[K\\Sub]\n  \"n\" REG_DWORD 0xb\n");
  MemoryBackend copy = r;
  CHECK(copy == r);
  REQUIRE(copy.set_value("K\\Sub", "n", RegValue::dword(12)).ok());
  CHECK_FALSE(copy == r);
  CHECK(r.get_value("K\\Sub", "n") == RegValue::dword(11));  // a deep copy
}

TEST_CASE("MemoryBackend: reads starting from the last key found answer as reads from the root",
          "[backend]") {
  MemoryBackend r;
  REQUIRE(r.create_key("A\\B\\C").ok());
  REQUIRE(r.create_key("A\\BC").ok());
  REQUIRE(r.set_value("A\\B", "v", RegValue::dword(1)).ok());
  REQUIRE(r.set_value("A\\BC", "w", RegValue::dword(2)).ok());
  CHECK(r.key_exists("A\\B"));
  // "A\\BC" starts with the remembered "A\\B" but is not below it.
  CHECK(r.get_value("A\\BC", "w") == RegValue::dword(2));
  CHECK_FALSE(r.get_value("A\\BC", "v"));
  CHECK(r.key_exists("A\\B"));
  CHECK(r.subkeys("A\\B\\") == std::vector<std::string>{"C"});
  CHECK(r.key_exists("A\\B\\\\C"));
  CHECK_FALSE(r.key_exists("A\\B\\D"));
  CHECK(r.key_exists("A\\B\\C"));
  // From a remembered key to a sibling of its parent, and past a failed walk.
  CHECK(r.get_value("A\\BC", "w") == RegValue::dword(2));
  CHECK_FALSE(r.key_exists("A\\B\\C\\X"));
  CHECK(r.key_exists("A\\B\\C"));
  CHECK(r.subkeys("a\\b") == std::vector<std::string>{"C"});
  // A deleted remembered key, and its parent recreated, are not found through the memory.
  REQUIRE(r.delete_tree("A\\B").ok());
  CHECK_FALSE(r.key_exists("A\\B\\C"));
  CHECK_FALSE(r.key_exists("A\\B"));
  REQUIRE(r.create_key("A\\B").ok());
  CHECK(r.subkeys("A\\B").empty());
  CHECK_FALSE(r.get_value("A\\B", "v"));
  REQUIRE(r.create_key("A\\B\\E").ok());
  CHECK(r.subkeys("A\\B") == std::vector<std::string>{"E"});
  // A copy assigned over the store replaces the remembered key too.
  MemoryBackend other;
  REQUIRE(other.create_key("A\\B\\F").ok());
  r = other;
  CHECK_FALSE(r.key_exists("A\\B\\E"));
  CHECK(r.subkeys("A\\B") == std::vector<std::string>{"F"});
}

TEST_CASE("MemoryBackend: a wide key answers as a narrow one, through creates, deletes and copies",
          "[backend]") {
  // Past a number of subkeys a key is also found through a hash of their names: the answers
  // must not change. A reference map (folded name -> first spelling) says what they are.
  MemoryBackend r;
  std::map<std::string, std::string> expected;
  std::mt19937 random(7);
  const auto spelling = [&](int n) {
    std::string name = "{Key-" + std::to_string(n) + "-Name}";
    for (char& c : name) {
      if (random() % 2 == 0) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return name;
  };
  const auto folded = [](std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  const auto check = [&](const MemoryBackend& store) {
    std::vector<std::string> names;
    for (const auto& [key, first] : expected) names.push_back(first);
    CHECK(store.subkeys("R\\Wide") == names);
    for (int n = 0; n < 400; ++n) {
      const std::string name = spelling(n);
      INFO(name);
      CHECK(store.key_exists("R\\Wide\\" + name) == (expected.count(folded(name)) != 0));
      CHECK(store.key_exists("R\\Wide\\" + name + "\\Sub") == (expected.count(folded(name)) != 0));
    }
  };
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 300; ++i) {
      const int n = static_cast<int>(random() % 400);
      const std::string name = spelling(n);
      if (random() % 4 == 0) {
        REQUIRE(r.delete_tree("R\\Wide\\" + name).ok());
        expected.erase(folded(name));
      } else {
        REQUIRE(r.create_key("R\\Wide\\" + name + "\\Sub").ok());
        expected.emplace(folded(name), name);  // the first spelling stays
      }
    }
    check(r);
    const MemoryBackend copy(r);
    check(copy);
  }
  CHECK(expected.size() > 64);  // wide enough to be indexed
  // Emptied, it is narrow again, and then wide again.
  for (const auto& [key, first] : std::map<std::string, std::string>(expected)) {
    REQUIRE(r.delete_tree("R\\Wide\\" + first).ok());
    expected.erase(key);
  }
  check(r);
  for (int n = 0; n < 200; ++n) {
    const std::string name = spelling(n);
    REQUIRE(r.create_key("R\\Wide\\" + name + "\\Sub").ok());
    expected.emplace(folded(name), name);
  }
  check(r);
}
