/**
 * Bootstrap: how a gateway that knows no DM server learns one. Every source (a factory file, a WAP
 * push, a smart card, a bootstrap server fetched by HTTPS GET) hands the bytes it got, as a {@link
 * io.dmagent.api.bootstrap.BootstrapMessage}, to the one {@link
 * io.dmagent.api.bootstrap.Bootstrapper}, which checks its security, applies it to the tree all or
 * nothing and answers with a {@link io.dmagent.api.bootstrap.BootstrapResult}. Sources never decode
 * a bootstrap message themselves.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.dmagent.api.bootstrap;
