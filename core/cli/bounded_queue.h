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
    if (units) not_full_.wait(lock, [&] { return used_ + units <= capacity_ || used_ == 0; });
    used_ = used_ + units;
    items_.push_back({std::move(item), units, weight});
    not_empty_.notify_one();
  }

  /// The units held now (a hint: it may change as soon as it is read).
  std::size_t used() const { return used_; }

  T pop(std::size_t* weight = nullptr) {
    std::unique_lock<std::mutex> lock(mutex_);
    not_empty_.wait(lock, [&] { return !items_.empty(); });
    Item item = std::move(items_.front());
    items_.pop_front();
    used_ = used_ - item.units;
    if (weight) *weight = item.weight;
    not_full_.notify_one();
    return std::move(item.value);
  }

 private:
  struct Item {
    T value;
    std::size_t units;
    std::size_t weight;
  };
  std::size_t capacity_;
  std::atomic<std::size_t> used_{0};  ///< changed under mutex_; read without it by used()
  std::deque<Item> items_;
  std::mutex mutex_;
  std::condition_variable not_full_, not_empty_;
};

}  // namespace denial_cli
