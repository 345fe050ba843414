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
}
