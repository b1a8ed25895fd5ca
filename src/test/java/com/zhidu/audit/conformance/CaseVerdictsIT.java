package com.zhidu.audit.conformance;

import com.zhidu.ZhiduIT;

/** {@link CaseVerdictsScenario} on PostgreSQL: write at the end, backfill and recompute on the real database. */
@ZhiduIT
class CaseVerdictsIT extends CaseVerdictsScenario {}
