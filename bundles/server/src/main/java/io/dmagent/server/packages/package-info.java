/** The reference server's package files over HTTP with Range requests (SCOMO and FUMO tests). */
package io.dmagent.server.packages;
