#pragma once
// A hash table of items keyed by a string they carry (a path, an id), in one
// flat array. A rebuild at 100,000 articles indexes the 264,745 files of the
// live output folder and of its spare and marks each one kept: with
// std::unordered_map, that was an allocation per item and a pointer chased
// per probe (0.1 s of CPU per index). Here a probe reads the slot's stored
// hash before it compares a key, and items are never removed.

#include <bit>
#include <cstdint>
#include <functional>
#include <string_view>
#include <utility>
#include <vector>

namespace newsarc::base {

/// Items of type Item (cheap to copy), each with a key KeyOf{}(item) that
/// lives as long as the table holds it. Open addressing, linear probing,
/// kept at most 3/4 full.
template <typename Item, typename KeyOf>
class FlatTable {
 public:
  /// Makes room for `n` items without growing again.
  void reserve(std::size_t n) {
    if (n * 4 > slots_.size() * 3) rehash(std::bit_ceil(std::max<std::size_t>(16, n * 2)));
  }
  /// Adds `item` unless an item of its key is there; true when added.
  bool insert(const Item& item) { return place(item, false).second; }
  /// The same, with the item of that key now in the table (`item`, or the
  /// one that was there).
  std::pair<const Item*, bool> try_insert(const Item& item) { return place(item, false); }
  /// Adds `item`, or replaces the item of its key.
  void assign(const Item& item) { place(item, true); }
  /// The item of `key`, or nullptr.
  const Item* find(std::string_view key) const {
    if (slots_.empty()) return nullptr;
    const std::uint64_t h = hash_of(key);
    for (std::size_t at = h & mask();; at = (at + 1) & mask()) {
      const Slot& s = slots_[at];
      if (s.hash == 0) return nullptr;
      if (s.hash == h && KeyOf{}(s.item) == key) return &s.item;
    }
  }
  bool contains(std::string_view key) const { return find(key) != nullptr; }
  std::size_t size() const { return size_; }
  /// Calls f(item) for every item, in no particular order.
  template <typename F>
  void for_each(const F& f) const {
    for (const Slot& s : slots_)
      if (s.hash != 0) f(s.item);
  }

 private:
  struct Slot {
    std::uint64_t hash = 0;  ///< 0: empty
    Item item{};
  };

  static std::uint64_t hash_of(std::string_view key) {
    return std::hash<std::string_view>{}(key) | 1;  // never 0
  }
  std::size_t mask() const { return slots_.size() - 1; }

  std::pair<const Item*, bool> place(const Item& item, bool replace) {
    reserve(size_ + 1);
    const std::string_view key = KeyOf{}(item);
    const std::uint64_t h = hash_of(key);
    for (std::size_t at = h & mask();; at = (at + 1) & mask()) {
      Slot& s = slots_[at];
      if (s.hash == 0) {
        s = {h, item};
        ++size_;
        return {&s.item, true};
      }
      if (s.hash == h && KeyOf{}(s.item) == key) {
        if (replace) s.item = item;
        return {&s.item, false};
      }
    }
  }

  void rehash(std::size_t capacity) {
    std::vector<Slot> old(capacity);
    old.swap(slots_);
    for (const Slot& s : old) {
      if (s.hash == 0) continue;
      std::size_t at = s.hash & mask();
      while (slots_[at].hash != 0) at = (at + 1) & mask();
      slots_[at] = s;
    }
  }

  std::vector<Slot> slots_;
  std::size_t size_ = 0;
};

}  // namespace newsarc::base
