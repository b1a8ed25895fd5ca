package com.zhidu.audit.conformance;

import com.zhidu.ZhiduTest;

/** {@link CaseVerdictsScenario} on H2. */
@ZhiduTest
class CaseVerdictsTest extends CaseVerdictsScenario {}
