// comreg's own regf writer, checked by an independent reader (hivex) and on what a hive holds
// that comreg never writes: a hand-built hive (shared security descriptors, a class name, big
// data, UTF-16 names, unusual types and flags) goes through an install and an uninstall and
// comes back the same, key for key; cycles do not grow the file; wide keys get index roots.
#include <hivex.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "comreg/apply/apply.hpp"
#include "comreg/model/sddl.hpp"
#include "comreg/store/hive_backend.hpp"
#include "comreg/store/memory_backend.hpp"
#include "core/utf.hpp"
#include "store/regf_tree.hpp"
#include "support/diagnostic_matchers.hpp"
#include "support/hive_stores.hpp"
#include "support/hivex_reading.hpp"
#include "support/test_files.hpp"

using namespace comreg;
using comreg::testing::add_products;
using comreg::testing::check_hivex_reads_what_the_store_holds;
using comreg::testing::copy_tree;
using comreg::testing::open_hive;
using comreg::testing::read_bytes;
using comreg::testing::TempHive;
using namespace comreg::regf;

namespace {

// A hive built cell by cell, with what comreg never writes itself. Offsets count from the
// start of the one hive bin, whose header is the first 32 bytes, as in a file.
class HandBuilt {
 public:
  HandBuilt() : bins_(bin_header_size, 0) {}

  std::uint32_t cell(const std::vector<std::uint8_t>& payload) {
    const std::size_t size = (payload.size() + 4 + 7) & ~std::size_t{7};
    const auto offset = static_cast<std::uint32_t>(bins_.size());
    bins_.resize(bins_.size() + size, 0);
    put32(bins_.data() + offset, 0u - static_cast<std::uint32_t>(size));
    std::memcpy(bins_.data() + offset + 4, payload.data(), payload.size());
    return offset;
  }
  std::uint8_t* at(std::uint32_t offset) { return bins_.data() + offset + 4; }

  std::uint32_t sk(const char* sddl) {
    const auto d = sddl_to_security_descriptor(sddl).descriptor;
    std::vector<std::uint8_t> p(20 + d.size(), 0);
    p[0] = 's';
    p[1] = 'k';
    put32(p.data() + 16, static_cast<std::uint32_t>(d.size()));
    std::memcpy(p.data() + 20, d.data(), d.size());
    return cell(p);
  }

  std::uint32_t nk(std::u16string name, bool compressed, std::uint16_t flags,
                   std::uint64_t timestamp, std::uint32_t parent, std::uint32_t security) {
    const std::string stored = encode_name(name, compressed);
    std::vector<std::uint8_t> p(nk_fixed + stored.size(), 0);
    p[0] = 'n';
    p[1] = 'k';
    put16(p.data() + nk_flags, flags | (compressed ? key_comp_name : 0));
    put64(p.data() + nk_timestamp, timestamp);
    put32(p.data() + nk_parent, parent);
    put32(p.data() + nk_subkey_list, no_cell);
    put32(p.data() + nk_volatile_list, no_cell);
    put32(p.data() + nk_value_list, no_cell);
    put32(p.data() + nk_security, security);
    put32(p.data() + nk_class, no_cell);
    put16(p.data() + nk_name_length, static_cast<std::uint32_t>(stored.size()));
    std::memcpy(p.data() + nk_fixed, stored.data(), stored.size());
    return cell(p);
  }

  std::uint32_t vk(std::u16string name, bool compressed, std::uint32_t type,
                   const std::vector<std::uint8_t>& data, bool big_data = false) {
    const std::string stored = encode_name(name, compressed);
    std::vector<std::uint8_t> p(vk_fixed + stored.size(), 0);
    p[0] = 'v';
    p[1] = 'k';
    put16(p.data() + 2, static_cast<std::uint32_t>(stored.size()));
    put32(p.data() + 12, type);
    put16(p.data() + 16, compressed ? value_comp_name : 0);
    std::memcpy(p.data() + vk_fixed, stored.data(), stored.size());
    const std::uint32_t v = cell(p);
    if (data.size() <= 4) {
      put32(at(v) + 4, static_cast<std::uint32_t>(data.size()) | data_inline);
      std::memcpy(at(v) + 8, data.data(), data.size());
      return v;
    }
    std::uint32_t where = 0;
    if (big_data) {
      const std::size_t n = (data.size() + big_data_segment - 1) / big_data_segment;
      std::vector<std::uint8_t> list(4 * n);
      for (std::size_t i = 0; i < n; ++i) {
        const auto from = data.begin() + static_cast<std::ptrdiff_t>(i * big_data_segment);
        const auto to = data.begin() + static_cast<std::ptrdiff_t>(
                                           std::min(data.size(), (i + 1) * big_data_segment));
        put32(list.data() + 4 * i, cell(std::vector<std::uint8_t>(from, to)));
      }
      std::vector<std::uint8_t> db = {'d', 'b', 0, 0, 0, 0, 0, 0};
      put16(db.data() + 2, static_cast<std::uint32_t>(n));
      put32(db.data() + 4, cell(list));
      where = cell(db);
    } else {
      where = cell(data);
    }
    put32(at(v) + 4, static_cast<std::uint32_t>(data.size()));
    put32(at(v) + 8, where);
    return v;
  }

  void values(std::uint32_t key, const std::vector<std::uint32_t>& vks) {
    std::vector<std::uint8_t> list(4 * vks.size());
    for (std::size_t i = 0; i < vks.size(); ++i) put32(list.data() + 4 * i, vks[i]);
    const std::uint32_t l = cell(list);
    put32(at(key) + nk_value_count, static_cast<std::uint32_t>(vks.size()));
    put32(at(key) + nk_value_list, l);
  }

  void subkeys(std::uint32_t key,
               const std::vector<std::pair<std::uint32_t, std::u16string>>& sorted) {
    std::vector<std::uint8_t> lh = {'l', 'h', 0, 0};
    put16(lh.data() + 2, static_cast<std::uint32_t>(sorted.size()));
    for (const auto& [child, name] : sorted) {
      lh.resize(lh.size() + 8);
      put32(lh.data() + lh.size() - 8, child);
      put32(lh.data() + lh.size() - 4, name_hash(name));
    }
    const std::uint32_t l = cell(lh);
    put32(at(key) + nk_subkey_count, static_cast<std::uint32_t>(sorted.size()));
    put32(at(key) + nk_subkey_list, l);
  }

  std::vector<std::uint8_t> file(std::uint32_t root) {
    // One hive bin holding every cell, then a free cell to its end.
    const std::size_t bin = (bins_.size() + 8 + 4095) / 4096 * 4096;
    std::vector<std::uint8_t> out(base_block_size + bin, 0);
    std::uint8_t* b = out.data();
    std::memcpy(b, "regf", 4);
    put32(b + 4, 7);
    put32(b + 8, 7);
    put64(b + 12, 0x01D0000000000000ull);
    put32(b + 20, 1);
    put32(b + 24, 5);  // version 1.5: big data in db records
    put32(b + 32, 1);
    put32(b + 36, root);
    put32(b + 40, static_cast<std::uint32_t>(bin));
    put32(b + 44, 1);
    const std::u16string name = u"\\??\\C:\\Windows\\System32\\config\\SOFTWARE";
    for (std::size_t i = 0; i < name.size() && i < 32; ++i) put16(b + 48 + 2 * i, name[i]);
    std::uint32_t checksum = 0;
    for (std::size_t i = 0; i < 508; i += 4) checksum ^= get32(b + i);
    put32(b + 508, checksum);
    std::uint8_t* h = b + base_block_size;
    std::memcpy(h, bins_.data(), bins_.size());
    std::memcpy(h, "hbin", 4);
    put32(h + 8, static_cast<std::uint32_t>(bin));
    put32(h + bins_.size(), static_cast<std::uint32_t>(bin - bins_.size()));  // free to the end
    return out;
  }

 private:
  std::vector<std::uint8_t> bins_;
};

// Two security descriptors, each used by two keys; a class name; big data; UTF-16 key and value
// names; types beyond REG_*; key flags; fixed timestamps.
std::vector<std::uint8_t> hand_built_hive() {
  HandBuilt b;
  const std::uint32_t sk_a = b.sk("O:BAG:SYD:(A;OICI;KA;;;SY)(A;OICI;KA;;;BA)(A;OICI;KR;;;BU)");
  const std::uint32_t sk_b = b.sk("O:SYG:SYD:P(A;CI;KA;;;SY)(A;CI;KR;;;WD)");
  put32(b.at(sk_a) + 4, sk_b);
  put32(b.at(sk_a) + 8, sk_b);
  put32(b.at(sk_a) + 12, 2);
  put32(b.at(sk_b) + 4, sk_a);
  put32(b.at(sk_b) + 8, sk_a);
  put32(b.at(sk_b) + 12, 2);

  const std::uint32_t root = b.nk(u"ROOT", true, 0x0004 | 0x0008, 0x01D1111111111111ull, 0, sk_a);
  const std::uint32_t shared1 = b.nk(u"Shared1", true, 0x0008, 0x01D2222222222222ull, root, sk_b);
  const std::uint32_t shared2 = b.nk(u"Shared2", true, 0, 0x01D3333333333333ull, root, sk_b);
  const std::uint32_t unicode =
      b.nk(u"\u041A\u043B\u044E\u0447-\u00E4", false, 0, 0x01D4444444444444ull, root, sk_a);

  // A class name (UTF-16), and the high half of the largest-subkey-name field (flags).
  const std::u16string class_name = u"MyClass";
  const std::string class_bytes = encode_name(class_name, false);
  const std::uint32_t c = b.cell(std::vector<std::uint8_t>(class_bytes.begin(), class_bytes.end()));
  put32(b.at(shared1) + nk_class, c);
  put16(b.at(shared1) + nk_class_length, static_cast<std::uint32_t>(class_bytes.size()));
  put32(b.at(shared1) + nk_max_subkey_name, 0x00020000u);
  put32(b.at(shared1) + 12, 0x5A5A0001u);  // the spare / access bits field

  std::vector<std::uint8_t> big(40000);
  for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<std::uint8_t>(i * 7 + 3);
  b.values(shared1, {b.vk(u"big", true, 3, big, true), b.vk(u"odd", true, 0x12345678u, {1, 2, 3})});
  b.values(shared2, {b.vk(u"", true, 1, {'x', 0, 0, 0})});
  b.values(unicode, {b.vk(u"Wert-\u00FC", false, 5, {0, 0, 1, 0}),
                     b.vk(u"weird", true, 0xFFFF0001u, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})});
  b.subkeys(root, {{shared1, u"Shared1"},
                   {shared2, u"Shared2"},
                   {unicode, u"\u041A\u043B\u044E\u0447-\u00E4"}});
  return b.file(root);
}

}  // namespace

namespace {

Plan sample_plan(const std::string& name, PlanOptions options) {
  const auto r =
      testing::load_text(testing::read_file(testing::source_path("samples/" + name + ".json")));
  REQUIRE(r.description);
  return make_plan(*r.description, options);
}

// Every key of `image` by path, expanded.
void all_keys(const HiveImage& image, HiveKey& key, const std::string& path,
              std::map<std::string, HiveKey*>& out) {
  REQUIRE(expand(image, key).empty());
  out[path] = &key;
  for (auto& [folded, child] : key.children) {
    all_keys(image, *child, path + "\\" + text::to_utf8(folded), out);
  }
}

std::vector<std::uint8_t> security_of(const HiveImage& image, const HiveKey& key) {
  const auto sk = image.record(key.security, "sk");
  REQUIRE(sk.size() >= 20);
  return {sk.begin() + 16, sk.end()};  // the descriptor's length and bytes
}

// Bytes of the hive bins in allocated cells, and the bins' size.
std::pair<std::size_t, std::size_t> cells_in_use(const std::vector<std::uint8_t>& file) {
  std::size_t used = 0;
  const std::size_t end = base_block_size + get32(file.data() + 40);
  for (std::size_t bin = base_block_size; bin < end; bin += get32(file.data() + bin + 8)) {
    REQUIRE(std::memcmp(file.data() + bin, "hbin", 4) == 0);
    const std::size_t bin_end = bin + get32(file.data() + bin + 8);
    for (std::size_t at = bin + bin_header_size; at < bin_end;) {
      const auto size = static_cast<std::int32_t>(get32(file.data() + at));
      REQUIRE(size != 0);
      if (size < 0) used += static_cast<std::size_t>(-size);
      at += static_cast<std::size_t>(size < 0 ? -size : size);
    }
  }
  return {used, end - base_block_size};
}

}  // namespace

TEST_CASE("Regf: what comreg does not write survives an install and an uninstall", "[hive][regf]") {
  TempHive file("hand-built");
  const std::vector<std::uint8_t> original = hand_built_hive();
  {
    std::ofstream(file.path, std::ios::binary)
        .write(reinterpret_cast<const char*>(original.data()),
               static_cast<std::streamsize>(original.size()));
  }
  const std::string mount = "HKEY_LOCAL_MACHINE\\SOFTWARE";
  check_hivex_reads_what_the_store_holds(file.path, mount);  // the fixture is a valid hive
  {
    auto hive = open_hive(file.path, mount, false);
    CHECK(hive->subkeys(mount) ==
          (std::vector<std::string>{"Shared1", "Shared2",
                                    "\xD0\x9A\xD0\xBB\xD1\x8E\xD1\x87-\xC3\xA4"}));
    CHECK(hive->get_value(mount + "\\shared1", "big")->raw_bytes().size() == 40000);
    CHECK(hive->get_value(mount + "\\\xD0\xBA\xD0\xBB\xD1\x8E\xD1\x87-\xC3\x84", "WERT-\xC3\x9C"));
  }
  const Plan plan = sample_plan("local-server", {Scope::machine, View::v64});
  {
    auto hive = open_hive(file.path, mount);
    REQUIRE(install(plan, *hive).status.ok());
    REQUIRE(hive->commit().ok());
  }
  check_hivex_reads_what_the_store_holds(file.path, mount);
  {
    auto hive = open_hive(file.path, mount);
    REQUIRE(uninstall(plan, *hive).status.ok());
    REQUIRE(hive->commit().ok());
  }
  check_hivex_reads_what_the_store_holds(file.path, mount);

  const std::vector<std::uint8_t> after = read_bytes(file.path);
  std::string why;
  auto before_image = HiveImage::parse(original, why);
  auto after_image = HiveImage::parse(after, why);
  REQUIRE(before_image);
  REQUIRE(after_image);
  auto before_root = key_stub(*before_image, before_image->root());
  auto after_root = key_stub(*after_image, after_image->root());
  std::map<std::string, HiveKey*> before_keys, after_keys;
  all_keys(*before_image, *before_root, "", before_keys);
  all_keys(*after_image, *after_root, "", after_keys);
  // Uninstall keeps the containers it made (Classes, CLSID …) and comreg's records key: the
  // keys after are those before and these.
  for (const auto& [path, key] : after_keys) {
    INFO("key " << path);
    CHECK((before_keys.count(path) == 1 || path.rfind("\\CLASSES", 0) == 0 ||
           path.rfind("\\COMREG", 0) == 0));
  }
  for (const auto& [path, was] : before_keys) {
    INFO("key " << path);
    REQUIRE(after_keys.count(path) == 1);
    const HiveKey& is = *after_keys[path];
    CHECK(is.name == was->name);
    CHECK(is.class_name == was->class_name);
    CHECK(security_of(*after_image, is) == security_of(*before_image, *was));
    // Signature, flags, timestamp, spare; the largest lengths, work var, name and class
    // lengths: everything but the offsets (the root's timestamp changes: keys came and went).
    const std::size_t from = path.empty() ? nk_timestamp + 8 : 0;
    CHECK(std::equal(is.header.begin() + static_cast<std::ptrdiff_t>(from),
                     is.header.begin() + nk_parent,
                     was->header.begin() + static_cast<std::ptrdiff_t>(from)));
    if (!path.empty()) {
      CHECK(std::equal(is.header.begin() + nk_max_subkey_name, is.header.end(),
                       was->header.begin() + nk_max_subkey_name));
    }
    REQUIRE(is.values.size() == was->values.size());
    for (std::size_t i = 0; i < is.values.size(); ++i) {
      CHECK(is.values[i].name == was->values[i].name);
      CHECK(is.values[i].flags == was->values[i].flags);
      CHECK(is.values[i].type == was->values[i].type);
      CHECK(is.values[i].data == was->values[i].data);
    }
  }
  // The two keys that shared a descriptor still share one cell, counted twice; two sk cells.
  const HiveKey& s1 = *after_keys["\\SHARED1"];
  const HiveKey& s2 = *after_keys["\\SHARED2"];
  CHECK(s1.security == s2.security);
  CHECK(get32(after_image->record(s1.security, "sk").data() + 12) == 2);
  // The root's descriptor: the root, the UTF-16 key, and each container kept (they inherit it).
  CHECK(get32(after_image->record(after_root->security, "sk").data() + 12) ==
        2 + after_keys.size() - before_keys.size());
  CHECK(after_root->security != s1.security);
  // The base block: same version, file name and root flags; a finished write, checksum right.
  CHECK(std::equal(after.begin() + 20, after.begin() + 36, original.begin() + 20));
  CHECK(std::equal(after.begin() + 48, after.begin() + 112, original.begin() + 48));
  CHECK(get32(after.data() + 4) == get32(after.data() + 8));
  CHECK(get32(after.data() + 4) > get32(original.data() + 4));
  std::uint32_t checksum = 0;
  for (std::size_t i = 0; i < 508; i += 4) checksum ^= get32(after.data() + i);
  CHECK(get32(after.data() + 508) == checksum);
  // Big data stays big data (version 1.5): the value points at a db record.
  const auto list = after_image->cell(get32(s1.header.data() + nk_value_list));
  const auto big_vk = after_image->record(get32(list.data()), "vk");
  REQUIRE(big_vk.size() >= vk_fixed);
  CHECK(after_image->record(get32(big_vk.data() + 8), "db").size() >= 8);
}

TEST_CASE("Regf: install and uninstall cycles do not grow the hive, which stays compact",
          "[hive][regf]") {
  TempHive file("cycles");
  REQUIRE(create_empty_hive(file.path).ok());
  const std::string mount = "HKEY_LOCAL_MACHINE\\SOFTWARE";
  {
    auto hive = open_hive(file.path, mount);
    for (int i = 0; i < 300; ++i) {
      REQUIRE(hive->set_value(mount + "\\Classes\\CLSID\\{Other-" + std::to_string(i) + "}", "",
                              RegValue::sz("another product"))
                  .ok());
    }
    REQUIRE(hive->commit().ok());
  }
  const Plan plan = sample_plan("contoso-widgets", {Scope::machine, View::v64});
  std::vector<std::uintmax_t> installed, uninstalled;
  for (int cycle = 0; cycle < 10; ++cycle) {
    {
      auto hive = open_hive(file.path, mount);
      REQUIRE(install(plan, *hive).status.ok());
      REQUIRE(hive->commit().ok());
    }
    installed.push_back(std::filesystem::file_size(file.path));
    {
      auto hive = open_hive(file.path, mount);
      REQUIRE(uninstall(plan, *hive).status.ok());
      REQUIRE(hive->commit().ok());
    }
    uninstalled.push_back(std::filesystem::file_size(file.path));
  }
  for (int cycle = 1; cycle < 10; ++cycle) {
    INFO("cycle " << cycle);
    CHECK(installed[static_cast<std::size_t>(cycle)] == installed[0]);
    CHECK(uninstalled[static_cast<std::size_t>(cycle)] == uninstalled[0]);
  }
  CHECK(installed[0] > uninstalled[0]);
  const auto [used, bins] = cells_in_use(read_bytes(file.path));
  INFO(used << " bytes in use of " << bins);
  CHECK(bins * 2 <= used * 3);  // at most 1.5 times what the cells need
  check_hivex_reads_what_the_store_holds(file.path, mount);
}

TEST_CASE("Regf: a wide key gets an index root, sorted as Windows sorts, read back by hivex",
          "[hive][regf]") {
  TempHive file("wide");
  REQUIRE(create_empty_hive(file.path).ok());
  const std::string mount = "HKEY_CURRENT_USER";
  {
    auto hive = open_hive(file.path, mount);
    for (int i = 2999; i >= 0; --i) {  // added in reverse order
      REQUIRE(hive->create_key(mount + "\\Wide\\key_" + std::to_string(i)).ok());
    }
    REQUIRE(hive->set_value(mount + "\\Wide\\Z\xC3\xA9", "v", RegValue::dword(1)).ok());
    REQUIRE(hive->set_value(mount + "\\Wide\\a", "v", RegValue::dword(2)).ok());
    REQUIRE(hive->commit().ok());
  }
  check_hivex_reads_what_the_store_holds(file.path, mount);
  const std::vector<std::uint8_t> bytes = read_bytes(file.path);
  std::string why;
  auto image = HiveImage::parse(bytes, why);
  REQUIRE(image);
  auto root = key_stub(*image, image->root());
  REQUIRE(expand(*image, *root).empty());
  HiveKey& wide = *root->children.find(u"WIDE");
  REQUIRE(expand(*image, wide).empty());
  const auto list = image->cell(get32(wide.header.data() + nk_subkey_list));
  REQUIRE(list.size() >= 4);
  CHECK(std::string(list.begin(), list.begin() + 2) == "ri");
  std::vector<std::uint32_t> offsets;
  REQUIRE(subkey_offsets(*image, get32(wide.header.data() + nk_subkey_list), offsets));
  REQUIRE(offsets.size() == 3002);
  std::u16string previous;
  for (const std::uint32_t offset : offsets) {
    const auto key = key_stub(*image, offset);
    REQUIRE(key);
    const std::u16string folded = upcased(key->name);
    CHECK(previous < folded);  // '_' (0x5F) sorts after the uppercase letters
    previous = folded;
  }
  CHECK(get32(wide.header.data() + nk_subkey_count) == 3002);
  // The largest subkey name in bytes as UTF-16: "key_1000" and the like, 8 characters.
  CHECK((get32(wide.header.data() + nk_max_subkey_name) & 0xFFFF) == 2 * 8);
}

TEST_CASE("Regf: a commit edits the hive where keys changed, the rest stays where it was",
          "[hive][regf]") {
  TempHive file("edited");
  REQUIRE(create_empty_hive(file.path).ok());
  const std::string mount = "HKEY_LOCAL_MACHINE\\SOFTWARE";
  const auto product = [&](int i) { return comreg::testing::product_key(mount, i); };
  {
    auto hive = open_hive(file.path, mount);
    add_products(*hive, mount, 2000);
    REQUIRE(hive->commit().ok());
  }
  const std::vector<std::uint8_t> before = read_bytes(file.path);
  {
    auto hive = open_hive(file.path, mount);
    REQUIRE(hive->set_value(product(7), "Version", RegValue::sz("2.0")).ok());
    REQUIRE(hive->delete_tree(product(8)).ok());
    REQUIRE(hive->set_value(mount + "\\Vendor\\New\\Sub", "", RegValue::sz("new")).ok());
    REQUIRE(hive->commit().ok());
  }
  const std::vector<std::uint8_t> after = read_bytes(file.path);
  check_hivex_reads_what_the_store_holds(file.path, mount);
  {
    auto hive = open_hive(file.path, mount, false);
    CHECK(hive->get_value(product(7), "Version")->text == "2.0");
    CHECK_FALSE(hive->key_exists(product(8)));
    CHECK(hive->get_value(mount + "\\Vendor\\New\\Sub", "")->text == "new");
    CHECK(hive->subkeys(mount + "\\Vendor").size() == 2000);
  }
  // Written whole, every cell after Product8's would have moved. Edited, only the changed keys'
  // cells and Vendor's subkey list differ; the new cells fill the space Product8 left.
  CHECK(after.size() <= before.size() + bin_granularity);
  std::size_t differing = 0;
  const std::size_t common = std::min(after.size(), before.size());
  for (std::size_t i = base_block_size; i < common; ++i) differing += after[i] != before[i];
  INFO(differing << " of " << common << " bytes differ");
  CHECK(differing < common / 10);
  const auto [used, bins] = cells_in_use(after);
  CHECK(bins * 2 <= used * 3);
}

TEST_CASE("Regf: a commit that would leave the hive loose writes it whole and compact",
          "[hive][regf]") {
  TempHive file("loose");
  REQUIRE(create_empty_hive(file.path).ok());
  const std::string mount = "HKEY_LOCAL_MACHINE\\SOFTWARE";
  {
    auto hive = open_hive(file.path, mount);
    for (int i = 0; i < 2000; ++i) {
      REQUIRE(hive->set_value(mount + "\\Vendor\\Product" + std::to_string(i), "Path",
                              RegValue::sz("C:\\Program Files\\Product " + std::to_string(i)))
                  .ok());
    }
    REQUIRE(hive->set_value(mount + "\\Kept", "", RegValue::sz("kept")).ok());
    REQUIRE(hive->commit().ok());
  }
  const auto full = std::filesystem::file_size(file.path);
  {
    auto hive = open_hive(file.path, mount);
    for (int i = 100; i < 2000; ++i) {
      REQUIRE(hive->delete_tree(mount + "\\Vendor\\Product" + std::to_string(i)).ok());
    }
    REQUIRE(hive->commit().ok());
  }
  const std::vector<std::uint8_t> after = read_bytes(file.path);
  const auto [used, bins] = cells_in_use(after);
  INFO(used << " bytes in use of " << bins << ", " << full << " before");
  CHECK(after.size() * 5 < full);
  CHECK(bins * 2 <= used * 3);
  check_hivex_reads_what_the_store_holds(file.path, mount);
}
