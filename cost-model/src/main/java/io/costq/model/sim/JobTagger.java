package io.costq.model.sim;

/** Gives an arriving job its estimate and cost class, and learns from completed jobs. */
interface JobTagger {
    void tag(SimJob job, double nowMs);

    void completed(SimJob job, double nowMs);

    /** The oracle: the estimate is the true cost, one class. */
    JobTagger CLAIRVOYANT = new JobTagger() {
        @Override
        public void tag(SimJob job, double nowMs) {
            job.estimateMs = job.trace.costMs();
            job.costClass = 0;
        }

        @Override
        public void completed(SimJob job, double nowMs) {}
    };

    /** The true cost as the estimate, classed by the given bounds: the product's rule without estimate errors. */
    static JobTagger trueCosts(io.costq.model.ClassBounds bounds) {
        return new JobTagger() {
            @Override
            public void tag(SimJob job, double nowMs) {
                job.estimateMs = job.trace.costMs();
                job.costClass = bounds.classify(job.estimateMs);
            }

            @Override
            public void completed(SimJob job, double nowMs) {}
        };
    }
}
