// SpscRingBuffer: wrap-around, overflow counting, and a producer/consumer stress test moving
// 10 million samples between two threads with an order check and a checksum.
#include <QtTest>

#include <atomic>
#include <numeric>
#include <random>
#include <thread>

#include "core/audio/SpscRingBuffer.h"

using namespace emo;

class TestRingBuffer : public QObject {
  Q_OBJECT

 private slots:
  void emptyAndCapacity() {
    SpscRingBuffer rb(8);
    QCOMPARE(rb.capacity(), size_t(8));
    QCOMPARE(rb.available(), size_t(0));
    float out[4] = {-1, -1, -1, -1};
    QCOMPARE(rb.read(out, 4), size_t(0));
    QCOMPARE(out[0], -1.0f);
    QCOMPARE(rb.droppedSamples(), size_t(0));
  }

  void wrapAround() {
    SpscRingBuffer rb(8);
    float out[32] = {};
    size_t next = 0;  // next value expected
    size_t written = 0;
    // Many cycles of uneven writes and reads cross the end of the storage repeatedly.
    for (int round = 0; round < 50; ++round) {
      const size_t w = 1 + (round * 5) % 7;
      float block[8];
      for (size_t i = 0; i < w; ++i) block[i] = float((written + i) % 1000);
      const size_t stored = rb.write(block, w);
      QCOMPARE(stored, std::min(w, size_t(8) - (written - next)));
      written += stored;
      const size_t r = 1 + (round * 3) % 6;
      const size_t got = rb.read(out, r);
      QCOMPARE(got, std::min(r, written - next));
      for (size_t i = 0; i < got; ++i) QCOMPARE(out[i], float((next + i) % 1000));
      next += got;
      QCOMPARE(rb.available(), written - next);
    }
    QVERIFY(written > 8 * 5);  // wrapped several times
  }

  void overflowDropsNewestAndCounts() {
    SpscRingBuffer rb(8);
    float in[10];
    std::iota(in, in + 10, 1.0f);
    QCOMPARE(rb.write(in, 10), size_t(8));
    QCOMPARE(rb.droppedSamples(), size_t(2));
    QCOMPARE(rb.available(), size_t(8));
    QCOMPARE(rb.write(in, 3), size_t(0));  // full: all dropped
    QCOMPARE(rb.droppedSamples(), size_t(5));
    float out[10] = {};
    QCOMPARE(rb.read(out, 10), size_t(8));
    for (int i = 0; i < 8; ++i) QCOMPARE(out[i], float(i + 1));  // the oldest were kept
    QCOMPARE(rb.write(in, 4), size_t(4));
    QCOMPARE(rb.droppedSamples(), size_t(5));
    QCOMPARE(rb.read(out, 10), size_t(4));
    QCOMPARE(out[3], 4.0f);
  }

  // Producer retries what did not fit, so every sample must arrive, in order; the drop counter
  // must equal what the producer was told was not stored.
  void twoThreadStress() {
    constexpr size_t kTotal = 10'000'000;
    SpscRingBuffer rb(4096);
    std::atomic<bool> producerDone{false};
    size_t producerRefused = 0;
    uint64_t producerSum = 0;

    std::thread producer([&] {
      std::mt19937 rng(42);
      std::uniform_int_distribution<size_t> blockSize(1, 700);
      std::vector<float> block(700);
      size_t sent = 0;
      while (sent < kTotal) {
        const size_t n = std::min(blockSize(rng), kTotal - sent);
        for (size_t i = 0; i < n; ++i) block[i] = float(sent + i);  // exact below 2^24
        size_t done = 0;
        while (done < n) {
          const size_t stored = rb.write(block.data() + done, n - done);
          producerRefused += (n - done) - stored;
          done += stored;
          if (done < n) std::this_thread::yield();
        }
        for (size_t i = 0; i < n; ++i) producerSum += uint64_t(block[i]);
        sent += n;
      }
      producerDone = true;
    });

    std::mt19937 rng(99);
    std::uniform_int_distribution<size_t> readSize(1, 1000);
    std::vector<float> out(1000);
    size_t received = 0;
    uint64_t consumerSum = 0;
    size_t outOfOrder = 0;
    while (received < kTotal) {
      const size_t got = rb.read(out.data(), readSize(rng));
      for (size_t i = 0; i < got; ++i) {
        if (out[i] != float(received + i)) ++outOfOrder;
        consumerSum += uint64_t(out[i]);
      }
      received += got;
      if (got == 0) {
        if (producerDone && rb.available() == 0) break;
        std::this_thread::yield();
      }
    }
    producer.join();
    QCOMPARE(received, kTotal);
    QCOMPARE(outOfOrder, size_t(0));
    QCOMPARE(consumerSum, producerSum);
    QCOMPARE(consumerSum, uint64_t(kTotal) * (kTotal - 1) / 2);
    QCOMPARE(rb.droppedSamples(), producerRefused);
    QCOMPARE(rb.available(), size_t(0));
  }
};

QTEST_GUILESS_MAIN(TestRingBuffer)
#include "tst_ringbuffer.moc"
