package dev.jitterbug.bench;

final class HeapPerSessionBenchmark {
    private HeapPerSessionBenchmark() {
    }

    static void main(String[] args) throws Exception {
    }
}
