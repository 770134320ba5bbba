// Torch's global RNG and thread pool are process-wide: tests run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
