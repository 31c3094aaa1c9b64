package dev.jitterbug.bench;

final class SessionCostBenchmark {
    private SessionCostBenchmark() {
    }

    static void main(String[] args) throws Exception {
    }
}
