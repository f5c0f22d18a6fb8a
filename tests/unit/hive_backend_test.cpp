// HiveBackend on real hive files: an empty hive made by comreg, grown by hivex, every sample
// installed, verified, uninstalled; failures leave the file as it was.
#include <unistd.h>
#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <random>

#include "comreg/apply/apply.hpp"
#include "comreg/store/hive_backend.hpp"
#include "comreg/store/memory_backend.hpp"
#include "comreg/testing/fault_backend.hpp"
#include "comreg/verify/verify.hpp"
#include "support/diagnostic_matchers.hpp"
#include "support/hive_stores.hpp"
#include "support/test_files.hpp"

using namespace comreg;
using comreg::testing::copy_tree;
using comreg::testing::open_hive;
using comreg::testing::TempHive;

namespace {

const char* const samples[] = {"contoso-widgets", "inproc-typelib", "local-server",
                               "remote-client",   "surrogate",      "activex-control"};

Plan sample_plan(const std::string& name, PlanOptions options) {
  const auto r =
      testing::load_text(testing::read_file(testing::source_path("samples/" + name + ".json")));
  REQUIRE(r.description);
  return make_plan(*r.description, options);
}

}  // namespace

TEST_CASE("Hive: the empty hive comreg writes opens, and hivex grows it", "[hive]") {
  TempHive file("empty");
  REQUIRE(create_empty_hive(file.path).ok());
  CHECK(std::filesystem::file_size(file.path) == 8192);
  CHECK_FALSE(create_empty_hive(file.path).ok());  // never overwrites
  {
    auto hive = open_hive(file.path, "HKLM\\SOFTWARE");
    CHECK(hive->mount() == "HKEY_LOCAL_MACHINE\\SOFTWARE");
    CHECK(hive->key_exists("HKEY_LOCAL_MACHINE\\SOFTWARE"));
    CHECK(hive->subkeys("HKEY_LOCAL_MACHINE\\SOFTWARE").empty());
    // Enough keys to need more than the first bin.
    for (int i = 0; i < 300; ++i) {
      REQUIRE(
          hive->create_key("HKEY_LOCAL_MACHINE\\Software\\Classes\\K" + std::to_string(i)).ok());
    }
    REQUIRE(hive->commit().ok());
  }
  auto reread = open_hive(file.path, "HKEY_LOCAL_MACHINE\\SOFTWARE", false);
  CHECK(reread->subkeys("HKEY_LOCAL_MACHINE\\SOFTWARE\\Classes").size() == 300);
  CHECK(std::filesystem::file_size(file.path) > 8192);
}

TEST_CASE("Hive: every value type keeps its exact bytes, and names are case-insensitive",
          "[hive]") {
  TempHive file("values");
  REQUIRE(create_empty_hive(file.path).ok());
  const std::string k = "HKEY_CURRENT_USER\\Software\\Classes\\Types";
  std::vector<std::pair<std::string, RegValue>> values = {
      {"", RegValue::sz("default")},
      {"sz", RegValue::sz("Gr\xC3\xBC\xC3\x9F"
                          "e \xE2\x82\xAC")},
      {"expand", RegValue::expand_sz("%SystemRoot%\\x.dll")},
      {"binary", RegValue::binary({0, 1, 2, 0xFF})},
      {"dword", RegValue::dword(0xDEADBEEF)},
      {"qword", RegValue::qword(0x0123456789ABCDEFull)},
      {"multi", RegValue::multi_sz({"a", "", "b"})},
      {"big", RegValue::from_raw(RegType::dword_big_endian, {1, 2, 3, 4})},
      {"none", RegValue::from_raw(RegType::none, {9, 8})},
      {"link", RegValue::from_raw(RegType::link, {'a', 0})},
      {"resources", RegValue::from_raw(RegType::resource_list, {1, 2, 3})},
      {"odd type", RegValue::from_raw(static_cast<RegType>(0x20), {7})},
      {"big binary", RegValue::binary(std::vector<std::uint8_t>(20000, 0x5A))},
  };
  {
    auto hive = open_hive(file.path, "HKCU");
    for (const auto& [name, v] : values) REQUIRE(hive->set_value(k, name, v).ok());
    REQUIRE(hive->commit().ok());
  }
  auto hive = open_hive(file.path, "HKCU");
  for (const auto& [name, v] : values) {
    INFO(name);
    const auto got = hive->get_value(k, name);
    REQUIRE(got);
    CHECK(got->type == v.type);
    CHECK(got->raw_bytes() == v.raw_bytes());
  }
  CHECK(hive->value_names(k).size() == values.size());
  CHECK(hive->key_exists("hkey_current_user\\SOFTWARE\\classes\\TYPES"));
  CHECK(hive->get_value(k, "DWORD") == RegValue::dword(0xDEADBEEF));
  REQUIRE(hive->delete_value(k, "DWord").ok());
  CHECK_FALSE(hive->get_value(k, "dword"));
  CHECK(hive->get_value(k, "qword") == RegValue::qword(0x0123456789ABCDEFull));
  CHECK(hive->value_names(k).size() == values.size() - 1);
  REQUIRE(hive->delete_value(k, "absent").ok());
}

TEST_CASE("Hive: lookups after lookups, deletes and other spellings of a path", "[hive]") {
  // HiveBackend remembers the keys of the last path it found: every answer below must be the
  // one a walk from the root gives.
  TempHive file("lookups");
  REQUIRE(create_empty_hive(file.path).ok());
  auto hive = open_hive(file.path, "HKLM\\SOFTWARE");
  const std::string c = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Classes";
  REQUIRE(hive->create_key(c + "\\A\\B\\C").ok());
  REQUIRE(hive->create_key(c + "\\A\\BB").ok());
  REQUIRE(hive->set_value(c + "\\A\\B\\C", "v", RegValue::sz("deep")).ok());
  CHECK(hive->key_exists(c + "\\A\\B\\C"));
  CHECK(hive->get_value(c + "\\A\\B\\C", "v") == RegValue::sz("deep"));
  // A path sharing bytes but not a whole name with the last one.
  CHECK(hive->key_exists(c + "\\A\\BB"));
  CHECK_FALSE(hive->key_exists(c + "\\A\\BBB"));
  CHECK_FALSE(hive->key_exists(c + "\\A\\B\\CC"));
  CHECK_FALSE(hive->get_value(c + "\\A\\BB", "v"));
  // Other spellings of the same key: case, doubled and trailing backslashes.
  CHECK(hive->get_value(c + "\\a\\b\\c", "v") == RegValue::sz("deep"));
  CHECK(hive->get_value(c + "\\A\\\\B\\C\\", "v") == RegValue::sz("deep"));
  CHECK(hive->subkeys(c + "\\A") == std::vector<std::string>{"B", "BB"});
  // A deleted tree is gone however it was last found, and can be made again.
  CHECK(hive->key_exists(c + "\\A\\B\\C"));
  REQUIRE(hive->delete_tree(c + "\\A\\B").ok());
  CHECK_FALSE(hive->key_exists(c + "\\A\\B\\C"));
  CHECK_FALSE(hive->get_value(c + "\\A\\B\\C", "v"));
  CHECK_FALSE(hive->key_exists(c + "\\A\\B"));
  CHECK(hive->key_exists(c + "\\A\\BB"));
  REQUIRE(hive->create_key(c + "\\A\\B\\C").ok());
  CHECK(hive->key_exists(c + "\\A\\B\\C"));
  CHECK_FALSE(hive->get_value(c + "\\A\\B\\C", "v"));
  CHECK(hive->subkeys(c + "\\A") == std::vector<std::string>{"B", "BB"});
}

TEST_CASE("Hive: random creates, writes, reads and deletes answer as the memory store does",
          "[hive]") {
  // HiveBackend walks from the last path it walked, creating as it goes, and finds the
  // subkeys of wide keys through a hash: after any mix of calls, in any spelling of the
  // names, each answer must be the memory store's, and the committed file must hold the same
  // tree, also when reopened (wide keys loaded from the file) and changed again.
  TempHive file("random");
  REQUIRE(create_empty_hive(file.path).ok());
  MemoryBackend memory;
  std::mt19937 random(11);
  const char* const names[] = {"Alpha", "b", "CLSID", "{0000-Key}", "caf\xC3\xA9", "B2"};
  const auto name = [&] {
    // Half the time one of 150 numbered names: the keys near the root get wide.
    std::string n = random() % 2 == 0 ? std::string(names[random() % std::size(names)])
                                      : "Key" + std::to_string(random() % 150);
    for (char& c : n) {
      if (std::isalpha(static_cast<unsigned char>(c)) && random() % 2 == 0) {
        c = static_cast<char>(c ^ 0x20);
      }
    }
    return n;
  };
  const auto path = [&] {
    std::string p = "HKEY_LOCAL_MACHINE\\SOFTWARE";
    const auto depth = 1 + random() % 4;
    for (unsigned i = 0; i < depth; ++i) p += (random() % 8 == 0 ? "\\\\" : "\\") + name();
    return p;
  };
  const auto sorted = [](std::vector<std::string> v) {
    for (auto& s : v) {
      for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    std::sort(v.begin(), v.end());
    return v;
  };
  const auto run = [&](HiveBackend& hive, int steps) {
    for (int step = 0; step < steps; ++step) {
      const std::string key = path();
      const std::string value = name();
      INFO(step << " " << key << " " << value);
      switch (random() % 9) {
        case 0:
          CHECK(hive.create_key(key).ok() == memory.create_key(key).ok());
          break;
        case 1:
        case 2: {
          // The memory store sets values of keys that exist only; the hive makes the key.
          const RegValue v = RegValue::sz(std::to_string(step));
          if (random() % 2 == 0) CHECK(memory.create_key(key).ok());
          CHECK(hive.set_value(key, value, v).ok());
          if (!memory.key_exists(key)) CHECK(memory.create_key(key).ok());
          CHECK(memory.set_value(key, value, v).ok());
          break;
        }
        case 3:
          CHECK(hive.delete_value(key, value).ok() == memory.delete_value(key, value).ok());
          break;
        case 4:
          if (random() % 4 == 0) CHECK(hive.delete_tree(key).ok() == memory.delete_tree(key).ok());
          break;
        case 5:
          CHECK(hive.key_exists(key) == memory.key_exists(key));
          break;
        case 6:
          CHECK(hive.get_value(key, value) == memory.get_value(key, value));
          break;
        case 7:
          CHECK(sorted(hive.subkeys(key)) == sorted(memory.subkeys(key)));
          CHECK(sorted(hive.value_names(key)) == sorted(memory.value_names(key)));
          break;
        default: {
          const auto h = hive.read_key(key);
          const auto m = memory.read_key(key);
          REQUIRE(h.has_value() == m.has_value());
          if (h) CHECK(sorted(h->subkeys) == sorted(m->subkeys));
          break;
        }
      }
    }
  };
  // The whole tree of the file, reopened, against the memory store's; returns the widest key.
  const auto compare_file = [&] {
    auto reopened = open_hive(file.path, "HKLM\\SOFTWARE", false);
    std::vector<std::string> pending{"HKEY_LOCAL_MACHINE\\SOFTWARE"};
    std::size_t keys = 0;
    std::size_t widest = 0;
    while (!pending.empty()) {
      const std::string key = pending.back();
      pending.pop_back();
      ++keys;
      INFO(key);
      const auto subkeys = memory.subkeys(key);
      REQUIRE(sorted(reopened->subkeys(key)) == sorted(subkeys));
      widest = std::max(widest, subkeys.size());
      for (const auto& v : memory.value_names(key)) {
        CHECK(reopened->get_value(key, v) == memory.get_value(key, v));
      }
      CHECK(sorted(reopened->value_names(key)) == sorted(memory.value_names(key)));
      for (const auto& sub : subkeys) {
        pending.push_back(key + "\\" + sub);
        CHECK(reopened->key_exists(key + "\\" + sub));
      }
    }
    CHECK(keys > 500);
    return widest;
  };
  {
    auto hive = open_hive(file.path, "HKLM\\SOFTWARE");
    run(*hive, 4000);
    REQUIRE(hive->commit().ok());
  }
  CHECK(compare_file() >= 64);  // wide enough to be hashed
  {
    auto hive = open_hive(file.path, "HKLM\\SOFTWARE");
    run(*hive, 4000);
    REQUIRE(hive->commit().ok());
  }
  compare_file();
  // Creating keys that exist is no change: nothing to write back.
  auto again = open_hive(file.path, "HKLM\\SOFTWARE");
  for (const auto& sub : memory.subkeys("HKEY_LOCAL_MACHINE\\SOFTWARE")) {
    REQUIRE(again->create_key("HKEY_LOCAL_MACHINE\\SOFTWARE\\" + sub).ok());
  }
  CHECK_FALSE(again->modified());
  REQUIRE(again->create_key("HKEY_LOCAL_MACHINE\\SOFTWARE\\New").ok());
  CHECK(again->modified());
}

TEST_CASE("Hive: a failed run on a hive just opened is discarded, without a journal", "[hive]") {
  // Nothing reaches the file before commit(): a run that fails forgets its changes (the keys
  // load again from the bytes read at open) instead of undoing them from a journal. The hive
  // must then answer, and later runs on it work, exactly as if the run had not been.
  const std::string mount = "HKEY_LOCAL_MACHINE\\SOFTWARE";
  TempHive file("discard");
  REQUIRE(create_empty_hive(file.path).ok());
  const Plan first = sample_plan("contoso-widgets", {Scope::machine, View::v64});
  const Plan second = sample_plan("local-server", {Scope::machine, View::v64});
  {
    auto hive = open_hive(file.path, mount);
    REQUIRE(install(first, *hive).status.ok());
    REQUIRE(hive->commit().ok());
    CHECK_FALSE(hive->can_discard());  // committed: the bytes read at open are old
    CHECK_FALSE(hive->discard());
  }
  const std::string installed = testing::read_file(file.path);
  MemoryBackend before;
  {
    auto hive = open_hive(file.path, mount, false);
    copy_tree(*hive, mount, before, "R");
  }
  const auto state = [&](HiveBackend& hive) {
    MemoryBackend now;
    copy_tree(hive, mount, now, "R");
    return now.dump();
  };
  // The install's first, third and twelfth write fails; the uninstall's first, second, fourth.
  for (const auto& [fail_at, uninstall_fail_at] :
       {std::pair<std::size_t, std::size_t>{1, 1}, {3, 2}, {12, 4}}) {
    INFO("failing write " << fail_at << ", " << uninstall_fail_at);
    auto hive = open_hive(file.path, mount);
    CHECK(hive->can_discard());
    {
      FaultInjectingBackend failing(*hive, fail_at, FaultInjectingBackend::Fault::fail);
      const auto report = install(second, failing);
      CHECK(report.status.code == BackendErrc::injected);
      CHECK(report.rolled_back);
      CHECK(report.changes.empty());
      CHECK_FALSE(hive->modified());
      CHECK(state(*hive) == before.dump());
    }
    {
      FaultInjectingBackend failing(*hive, uninstall_fail_at, FaultInjectingBackend::Fault::fail);
      const auto report = uninstall(first, failing);
      CHECK(report.status.code == BackendErrc::injected);
      CHECK(report.rolled_back);
      CHECK(state(*hive) == before.dump());
      CHECK(verify(first, *hive).ok());
    }
    CHECK(testing::read_file(file.path) == installed);
    // The same backend goes on: the second server installs (and commits, as a run does).
    const auto report = install(second, *hive);
    REQUIRE(report.status.ok());
    CHECK(verify(second, *hive).ok());
    CHECK(verify(first, *hive).ok());
    CHECK_FALSE(hive->can_discard());  // committed
    hive.reset();
    std::ofstream(file.path, std::ios::binary | std::ios::trunc) << installed;
  }
  // A change made before the run is not the run's to forget: such a run journals as before.
  auto hive = open_hive(file.path, mount);
  REQUIRE(hive->create_key(mount + "\\Classes\\Before").ok());
  CHECK_FALSE(hive->can_discard());
  FaultInjectingBackend failing(*hive, 3, FaultInjectingBackend::Fault::fail);
  const auto report = install(second, failing);
  CHECK(report.rolled_back);
  CHECK(hive->key_exists(mount + "\\Classes\\Before"));
  CHECK_FALSE(verify(second, *hive).ok());
  // discard() forgets every uncommitted change, the one before the run too.
  CHECK(hive->discard());
  CHECK_FALSE(hive->key_exists(mount + "\\Classes\\Before"));
  CHECK(state(*hive) == before.dump());
}

TEST_CASE("Hive: paths outside the mount point are refused", "[hive]") {
  TempHive file("outside");
  REQUIRE(create_empty_hive(file.path).ok());
  auto hive = open_hive(file.path, "HKEY_LOCAL_MACHINE\\SOFTWARE");
  const Status s = hive->create_key("HKEY_CURRENT_USER\\Software\\Classes\\X");
  CHECK(s.code == BackendErrc::unsupported);
  CHECK_THAT(s.message, Catch::Contains("outside the hive") && Catch::Contains("--hive-mount"));
  CHECK_FALSE(hive->create_key("HKEY_LOCAL_MACHINE\\SOFTWAREX\\Y").ok());  // not a prefix match
  CHECK_FALSE(hive->key_exists("HKEY_CURRENT_USER"));
  CHECK_FALSE(hive->delete_tree("HKEY_LOCAL_MACHINE\\SOFTWARE").ok());  // the root stays
  CHECK_FALSE(hive->modified());

  // A key's name is 1 to 255 characters of UTF-8: longer or invalid ones are refused, by
  // create_key and by set_value (which makes its key).
  const std::string classes = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Classes\\";
  CHECK(hive->create_key(classes + std::string(255, 'k')).ok());
  const Status too_long = hive->create_key(classes + "A\\" + std::string(256, 'k'));
  CHECK(too_long.code == BackendErrc::unsupported);
  CHECK_THAT(too_long.message, Catch::Contains("1 to 255 characters of valid UTF-8"));
  CHECK(hive->set_value(classes + "bad\xC3", "v", RegValue::sz("x")).code ==
        BackendErrc::unsupported);
  CHECK_FALSE(hive->key_exists(classes + "bad\xC3"));

  auto read_only = open_hive(file.path, "HKLM\\SOFTWARE", false);
  CHECK(read_only->create_key("HKLM\\SOFTWARE\\X").code == BackendErrc::unsupported);
  CHECK(read_only->create_key("HKEY_LOCAL_MACHINE\\SOFTWARE\\X").code ==
        BackendErrc::access_denied);

  CHECK(HiveBackend::open(file.path + ".missing", "HKCU", false).status.code ==
        BackendErrc::not_found);
  std::ofstream(file.path + ".junk") << "not a hive";
  CHECK(HiveBackend::open(file.path + ".junk", "HKCU", false).status.code == BackendErrc::io);
  std::filesystem::remove(file.path + ".junk");
}

TEST_CASE("Hive: every sample installs, verifies, uninstalls to the hive as before", "[hive]") {
  for (const auto& [scope, mount] : {std::pair{Scope::machine, "HKEY_LOCAL_MACHINE\\SOFTWARE"},
                                     std::pair{Scope::user, "HKEY_CURRENT_USER"}}) {
    for (const View view : {View::v64, View::v32}) {
      for (const char* sample : samples) {
        INFO(sample << " scope " << to_string(scope) << " view " << to_string(view));
        TempHive file(sample);
        REQUIRE(create_empty_hive(file.path).ok());
        const Plan plan = sample_plan(sample, {scope, view});
        const std::string root = classes_root(scope);
        // Another product is there before and must be there after.
        MemoryBackend before;
        std::size_t existing = 0;
        {
          auto hive = open_hive(file.path, mount);
          REQUIRE(hive->set_value(root + "\\Other.Product", "", RegValue::sz("other")).ok());
          // As on Windows, the containers exist; the shared keys (TypeLib\{libid},
          // Component Categories\{catid}) are there too, since uninstall keeps them.
          for (const char* container :
               {"CLSID", "AppID", "TypeLib", "Interface", "Licenses", "Component Categories",
                "Wow6432Node\\CLSID", "Wow6432Node\\Interface"}) {
            REQUIRE(hive->create_key(root + "\\" + container).ok());
          }
          for (const auto& op : plan.ops) {
            if (op.kind == OpKind::create_key && op.ownership == Ownership::shared) {
              REQUIRE(hive->create_key(registry_path(plan, op.key, *hive)).ok());
              ++existing;
            }
          }
          REQUIRE(hive->commit().ok());
          copy_tree(*hive, mount, before, "R");
        }
        {
          auto hive = open_hive(file.path, mount);
          const auto report = install(plan, *hive);
          INFO(report.status.message);
          REQUIRE(report.status.ok());
          CHECK(report.changes.size() == plan.ops.size() - existing);
          REQUIRE(hive->commit().ok());
        }
        {
          auto hive = open_hive(file.path, mount, false);
          CHECK(verify(plan, *hive).ok());
        }
        {
          auto hive = open_hive(file.path, mount);
          REQUIRE(uninstall(plan, *hive).status.ok());
          REQUIRE(hive->commit().ok());
        }
        auto hive = open_hive(file.path, mount, false);
        MemoryBackend after;
        copy_tree(*hive, mount, after, "R");
        CHECK(after.dump() == before.dump());
        CHECK_FALSE(verify(plan, *hive).ok());
      }
    }
  }
}

TEST_CASE("Hive: a run that fails, or is not committed, leaves the file unchanged", "[hive]") {
  TempHive file("failed");
  REQUIRE(create_empty_hive(file.path).ok());
  const std::string original = testing::read_file(file.path);
  {
    // The plan is for the user's classes; the hive is mounted as a SOFTWARE hive.
    auto hive = open_hive(file.path, "HKEY_LOCAL_MACHINE\\SOFTWARE");
    REQUIRE(hive->create_key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Classes\\Partial").ok());
    const auto report = install(sample_plan("inproc-typelib", {Scope::user, View::v64}), *hive);
    CHECK_FALSE(report.status.ok());
    CHECK(hive->modified());
  }  // destroyed without commit()
  CHECK(testing::read_file(file.path) == original);
  // No temporary file (".NAME.comreg-XXXXXXXXXXXXXXXX", commit_hive_file) beside it.
  const auto leftovers = [](const std::string& hive) {
    const std::filesystem::path p(hive);
    const std::string prefix = "." + p.filename().string() + ".comreg-";
    int n = 0;
    for (const auto& e : std::filesystem::directory_iterator(p.parent_path())) {
      n += e.path().filename().string().rfind(prefix, 0) == 0 ? 1 : 0;
    }
    return n;
  };
  CHECK(leftovers(file.path) == 0);

  // A commit that cannot write (the folder is read-only) keeps the file too.
  const auto dir = comreg::testing::temp_folder("comreg-hive-readonly");
  std::filesystem::create_directories(dir);
  const std::string locked = (dir / "locked.hiv").string();
  std::filesystem::remove(locked);
  REQUIRE(create_empty_hive(locked).ok());
  std::filesystem::permissions(
      dir, std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
  {
    auto hive = open_hive(locked, "HKCU");
    REQUIRE(hive->create_key("HKEY_CURRENT_USER\\Software").ok());
    const Status s = hive->commit();
    if (::access(dir.c_str(), W_OK) != 0) {  // root can write anyway
      CHECK_FALSE(s.ok());
      CHECK(testing::read_file(locked) == original);
    }
    CHECK(leftovers(locked) == 0);
  }
  std::filesystem::permissions(dir, std::filesystem::perms::owner_all);
  std::filesystem::remove_all(dir);
}

TEST_CASE("Hive: a subkey list that names a key twice is damage, and the hive is not written",
          "[hive]") {
  // A hive another program wrote, or someone made: two entries of a key's subkey list whose
  // keys have the same name. Windows finds one of them by a sorted search, and which is a
  // matter of chance; comreg reads the first, says where the list is, and refuses to write the
  // hive back (its writer would keep one of the two trees and drop the other's cells).
  TempHive file("twice");
  REQUIRE(create_empty_hive(file.path).ok());
  const std::string mount = "HKEY_LOCAL_MACHINE\\SOFTWARE";
  {
    auto hive = open_hive(file.path, mount);
    REQUIRE(hive->set_value(mount + "\\Twice\\Alpha", "v", RegValue::sz("first")).ok());
    REQUIRE(hive->set_value(mount + "\\Twice\\Bravo", "v", RegValue::sz("second")).ok());
    REQUIRE(hive->set_value(mount + "\\Other", "v", RegValue::dword(1)).ok());
    REQUIRE(hive->commit().ok());
  }
  // Bravo's key node renamed Alpha: its name is stored as 8-bit text, once in the file.
  std::string bytes = testing::read_file(file.path);
  const std::size_t at = bytes.find("Bravo");
  REQUIRE(at != std::string::npos);
  REQUIRE(bytes.find("Bravo", at + 1) == std::string::npos);
  bytes.replace(at, 5, "Alpha");
  {
    std::ofstream out(file.path, std::ios::binary | std::ios::trunc);
    out << bytes;
  }

  auto hive = open_hive(file.path, mount);
  // Keys elsewhere read as before; the damaged key's list is read up to the second entry.
  CHECK(hive->get_value(mount + "\\Other", "v") == RegValue::dword(1));
  const auto twice = hive->subkeys(mount + "\\Twice");
  CHECK(twice.size() <= 1);
  REQUIRE(hive->set_value(mount + "\\Other", "w", RegValue::dword(2)).ok());
  const Status committed = hive->commit();
  CHECK_FALSE(committed.ok());
  CHECK_THAT(committed.message, Catch::Contains("names a key twice"));
  CHECK_THAT(committed.message, Catch::Contains("damaged"));
  CHECK(testing::read_file(file.path) == bytes);
}

TEST_CASE("Hive: a key read without loading it answers as a loaded one, damage included",
          "[hive]") {
  // get_value, key_counts and key_exists read a key without subkeys from the image without
  // loading it (HiveBackend::Impl::read_leaf); what they say must be what the loaded key says,
  // and damage in it must be found as loading finds it.
  TempHive file("leaf");
  REQUIRE(create_empty_hive(file.path).ok());
  const std::string mount = "HKEY_LOCAL_MACHINE\\SOFTWARE";
  const std::string leaf = mount + "\\Leaf";
  const std::vector<std::uint8_t> big(40'000, 0x5A);  // stored as big data (db) segments
  {
    auto hive = open_hive(file.path, mount);
    REQUIRE(hive->set_value(leaf, "a", RegValue::sz("first")).ok());
    REQUIRE(hive->set_value(leaf, "Zebra", RegValue::dword(2)).ok());
    REQUIRE(hive->set_value(leaf, "Big", RegValue::binary(big)).ok());
    REQUIRE(hive->set_value(leaf, "", RegValue::sz("default")).ok());
    REQUIRE(hive->set_value(mount + "\\Other", "v", RegValue::dword(1)).ok());
    REQUIRE(hive->commit().ok());
  }
  {
    auto read = open_hive(file.path, mount);    // read without loading
    auto loaded = open_hive(file.path, mount);  // loaded first (a listing loads the key)
    CHECK(loaded->value_names(leaf).size() == 4);
    for (auto* hive : {read.get(), loaded.get()}) {
      CHECK(hive->key_exists(leaf));
      CHECK_FALSE(hive->key_exists(leaf + "\\Below"));
      CHECK(hive->get_value(leaf, "A") == RegValue::sz("first"));
      CHECK(hive->get_value(leaf, "zebra") == RegValue::dword(2));
      CHECK(hive->get_value(leaf, "Big") == RegValue::binary(big));
      CHECK(hive->get_value(leaf, "") == RegValue::sz("default"));
      CHECK_FALSE(hive->get_value(leaf, "missing"));
      const auto counts = hive->key_counts(leaf);
      REQUIRE(counts);
      CHECK(counts->values == 4);
      CHECK(counts->subkeys == 0);
    }
  }
  // Zebra's value node made unreadable (its "vk" signature): loading the key keeps the values
  // before it, and the hive, damaged, is not written back.
  std::string bytes = testing::read_file(file.path);
  const std::size_t name = bytes.find("Zebra");
  REQUIRE(name != std::string::npos);
  REQUIRE(bytes.find("Zebra", name + 1) == std::string::npos);
  REQUIRE(bytes.compare(name - 20, 2, "vk") == 0);  // the name follows the vk's 20 fixed bytes
  bytes.replace(name - 20, 2, "xx");
  {
    std::ofstream out(file.path, std::ios::binary | std::ios::trunc);
    out << bytes;
  }
  auto hive = open_hive(file.path, mount);
  CHECK(hive->key_exists(leaf));
  CHECK(hive->get_value(leaf, "a") == RegValue::sz("first"));
  CHECK_FALSE(hive->get_value(leaf, "Big"));  // after the damage: not read
  const auto counts = hive->key_counts(leaf);
  REQUIRE(counts);
  CHECK(counts->values == 1);
  REQUIRE(hive->set_value(mount + "\\Other", "w", RegValue::dword(2)).ok());
  const Status committed = hive->commit();
  CHECK_FALSE(committed.ok());
  CHECK_THAT(committed.message, Catch::Contains("a value is damaged"));
  CHECK(testing::read_file(file.path) == bytes);
}
