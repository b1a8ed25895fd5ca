package com.zhidu.salescontract;

/** An entry of the customer file (§3.3.1), as far as contracts need it; the CRM procedures extend it. */
public record Customer(long id, String name, String contact, String phone, String email) {}
