package dev.jitterbug.bench;

final class RealStormBenchmark {
    private RealStormBenchmark() {
    }

    static void main(String[] args) throws Exception {
    }
}
