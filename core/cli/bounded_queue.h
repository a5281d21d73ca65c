// A queue between one producer and one consumer thread that holds items worth at most
// `capacity` units: a file read ahead waits for the writer instead of filling memory. The
// producer says what an item is worth (0: bounded by its own budget, it never waits).
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <utility>

namespace denial_cli {

template <class T>
class BoundedQueue {
 public:
  explicit BoundedQueue(std::size_t capacity) : capacity_(capacity) {}

  /// `weight` is given back by pop (the producer's own measure of the item).
  void push(T item, std::size_t units = 1, std::size_t weight = 0) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (units)
      not_full_.wait(lock, [&] { return closed_ || used_ + units <= capacity_ || used_ == 0; });
    if (closed_) return;  // nobody will take it
    used_ = used_ + units;
    items_.push_back({std::move(item), units, weight});
    not_empty_.notify_one();
  }

  /// The consumer is gone (it stopped early): pushes return at once, dropping their item.
  void close() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      closed_ = true;
    }
    not_full_.notify_all();
  }

  /// Whether an item of `units` would be pushed now without waiting (a producer that must
  /// not wait, being the consumer too, asks first).
  bool has_room(std::size_t units) const { return used_ + units <= capacity_ || used_ == 0; }

  /// Whether it holds nothing (exact for the thread that both pushes and pops it).
  bool empty() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return items_.empty();
  }

  /// The units held now (a hint: it may change as soon as it is read).
  std::size_t used() const { return used_; }

  T pop(std::size_t* weight = nullptr) {
    T value;
    pop(value, true, weight);
    return value;
  }

  /// The next item into `out`; without `wait`, false when there is none yet.
  bool pop(T& out, bool wait, std::size_t* weight = nullptr) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (!wait && items_.empty()) return false;
    not_empty_.wait(lock, [&] { return !items_.empty(); });
    Item item = std::move(items_.front());
    items_.pop_front();
    used_ = used_ - item.units;
    if (weight) *weight = item.weight;
    not_full_.notify_one();
    out = std::move(item.value);
    return true;
  }

 private:
  struct Item {
    T value;
    std::size_t units;
    std::size_t weight;
  };
  std::size_t capacity_;
  bool closed_ = false;
  std::atomic<std::size_t> used_{0};  ///< changed under mutex_; read without it by used()
  std::deque<Item> items_;
  mutable std::mutex mutex_;
  std::condition_variable not_full_, not_empty_;
};

}  // namespace denial_cli
